package org.blockhost.installer.internal.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.installer.api.WizardStep;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.servlet.Servlet;

/** The wizard steps registered right now, from the servlets' service properties. */
@Component(service = StepRegistry.class)
public final class StepRegistry {

    /** One step as shown in the step bar; {@code path} is relative to the installer context. */
    public record Step(String id, String title, int order, String path, long bundleId) {
    }

    private final Map<ServiceReference<Servlet>, Step> steps = new ConcurrentHashMap<>();

    @Reference(service = Servlet.class, target = "(" + WizardStep.ID + "=*)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addStep(ServiceReference<Servlet> ref) {
        steps.put(ref, toStep(ref));
    }

    void updatedStep(ServiceReference<Servlet> ref) {
        steps.put(ref, toStep(ref));
    }

    void removeStep(ServiceReference<Servlet> ref) {
        steps.remove(ref);
    }

    /** Steps ordered by their order property, then id. */
    public List<Step> steps() {
        return steps.values().stream().sorted(Comparator.comparingInt(Step::order).thenComparing(Step::id)).toList();
    }

    static Step toStep(ServiceReference<?> ref) {
        String id = String.valueOf(ref.getProperty(WizardStep.ID));
        Object title = ref.getProperty(WizardStep.TITLE);
        return new Step(id, title == null ? id : title.toString(), order(ref.getProperty(WizardStep.ORDER)),
                firstPattern(ref.getProperty("osgi.http.whiteboard.servlet.pattern")), ref.getBundle() == null ? -1
                        : ref.getBundle().getBundleId());
    }

    private static int order(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? Integer.MAX_VALUE : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String firstPattern(Object value) {
        String first = value instanceof String[] a ? (a.length == 0 ? "/" : a[0]) : String.valueOf(value);
        if (first.endsWith("/*")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.startsWith("/") ? first : "/" + first;
    }
}
