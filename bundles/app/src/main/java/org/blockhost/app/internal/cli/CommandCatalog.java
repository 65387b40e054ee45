package org.blockhost.app.internal.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The runtime commands available right now: every Gogo function registered in the
 * {@code blockhost} scope, by any bundle (plugins add their own).
 */
@Component(service = CommandCatalog.class)
public final class CommandCatalog {
    static final String SCOPE = "blockhost";
    private static final String FILTER = "(osgi.command.scope=" + SCOPE + ")";
    private final BundleContext context;

    @Activate
    public CommandCatalog(BundleContext context) {
        this.context = context;
    }

    /** Sorted command names. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, FILTER);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    all.addAll(functions(ref.getProperty("osgi.command.function")));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return all;
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
