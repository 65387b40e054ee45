package org.blockhost.core.internal.admin;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finalization step {@code core.admin-commands}: writes the admin-command answers ({@link AdminAnswers})
 * into {@value AdminCommandsComponent#PID}; complete when the configuration holds them (nothing
 * answered: nothing to write). Idempotent.
 */
@Component(service = FinalizationStep.class)
public final class AdminCommandsStep implements FinalizationStep {
    private final ConfigurationAdmin cm;

    @Activate
    public AdminCommandsStep(@Reference ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public String id() {
        return "core.admin-commands";
    }

    @Override
    public String label() {
        return "Admin commands and management ports";
    }

    @Override
    public Phase phase() {
        return Phase.INSTALLER_POST;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public Set<String> answerKeys() {
        return AdminAnswers.KEYS;
    }

    @Override
    public Optional<String> problem(String key, String value) {
        return AdminAnswers.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        var want = AdminAnswers.properties(answers(context));
        Dictionary<String, Object> have = configuration().getProperties();
        if (have == null) {
            return want.isEmpty();
        }
        for (var e : want.entrySet()) {
            Object v = have.get(e.getKey());
            boolean same = v instanceof String[] a && e.getValue() instanceof String[] b ? Arrays.equals(a, b)
                    : String.valueOf(e.getValue()).equals(String.valueOf(v));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        var want = AdminAnswers.properties(answers(context));
        if (want.isEmpty()) {
            return; // nothing answered: the configuration stays as it is
        }
        Configuration c = configuration();
        Dictionary<String, Object> d = c.getProperties() == null ? new java.util.Hashtable<>() : c.getProperties();
        want.forEach(d::put);
        try {
            c.updateIfDifferent(d);
        } catch (IOException e) {
            throw new StepException("cannot write the admin-command configuration: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> answers(FinalizationContext context) throws StepException {
        Map<String, String> out = new HashMap<>();
        for (String k : AdminAnswers.KEYS) {
            Optional<String> v = context.answer(k);
            if (v.isPresent()) {
                Optional<String> problem = AdminAnswers.problem(k, v.get());
                if (problem.isPresent()) {
                    throw new StepException(k + ": " + problem.get());
                }
                out.put(k, v.get().strip());
            }
        }
        return out;
    }

    private Configuration configuration() throws StepException {
        try {
            return cm.getConfiguration(AdminCommandsComponent.PID, "?");
        } catch (IOException e) {
            throw new StepException("cannot read the admin-command configuration: " + e.getMessage(), e);
        }
    }
}
