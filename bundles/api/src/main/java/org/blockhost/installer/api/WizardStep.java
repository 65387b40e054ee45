package org.blockhost.installer.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for a wizard-step servlet. A plugin registers a Jakarta servlet on the
 * HTTP whiteboard, selects the installer's context with {@link #CONTEXT_SELECT} and adds this
 * annotation; the installer shows the step in its step bar, ordered by {@link #order()}, and
 * links to the servlet's first pattern (relative to {@link #CONTEXT_PATH}).
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
 * &#64;HttpWhiteboardServletPattern("/chain")
 * &#64;WizardStep(id = "chain", order = 200, title = "Chain")
 * </pre>
 *
 * <p>The servlet answers GET with its form and POST with the submitted answers. Exceptions thrown
 * by the servlet are answered with a generic 500 page and mark the plugin failed.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WizardStep {

    /** Property name prefix: the elements become {@code org.blockhost.wizard.step.id} etc. */
    String PREFIX_ = "org.blockhost.wizard.step.";

    /** Property holding the step id. */
    String ID = "org.blockhost.wizard.step.id";

    /** Property holding the order. */
    String ORDER = "org.blockhost.wizard.step.order";

    /** Property holding the title. */
    String TITLE = "org.blockhost.wizard.step.title";

    /** The installer's servlet context name. */
    String CONTEXT_NAME = "blockhost.installer";

    /** The installer's context path. */
    String CONTEXT_PATH = "/setup";

    /** Filter selecting the installer's servlet context. */
    String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    /** Unique step id, {@code [a-z][a-z0-9-]*}. */
    String id();

    /** Position in the step bar; lower comes first. */
    int order();

    /** Title shown in the step bar. */
    String title();
}
