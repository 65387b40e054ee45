package org.blockhost.app.internal.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.blockhost.platform.api.CommandRoles;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The runtime commands available right now: every Gogo function registered in the
 * {@code blockhost} scope, by any bundle (plugins add their own), and the roles they declare.
 */
@Component(service = CommandCatalog.class)
public final class CommandCatalog implements Commands {
    static final String SCOPE = "blockhost";
    private static final String FUNCTION = "osgi.command.function";
    private static final String FILTER = "(osgi.command.scope=" + SCOPE + ")";
    private final BundleContext context;

    @Activate
    public CommandCatalog(BundleContext context) {
        this.context = context;
    }

    /** Sorted command names. */
    @Override
    public Set<String> names() {
        Set<String> all = new TreeSet<>();
        for (ServiceReference<?> ref : references()) {
            all.addAll(functions(ref.getProperty(FUNCTION)));
        }
        return all;
    }

    /** The roles declared by the command services registered now ({@link CommandRoles#PROPERTY}). */
    @Override
    public CommandRules rules() {
        CommandRules rules = new CommandRules();
        for (ServiceReference<?> ref : references()) {
            rules.add(ref.getProperty(CommandRoles.PROPERTY), ref.getProperty(FUNCTION));
        }
        return rules;
    }

    private ServiceReference<?>[] references() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, FILTER);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> functions(Object property) {
        Set<String> out = new TreeSet<>();
        if (property instanceof String[] array) {
            out.addAll(Arrays.asList(array));
        } else if (property instanceof Collection<?> collection) {
            collection.forEach(o -> out.add(String.valueOf(o)));
        } else if (property != null) {
            out.add(String.valueOf(property));
        }
        return out;
    }
}
