package org.blockhost.engine.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type naming the engine a component belongs to. Put it on the
 * {@link Engine} component and on every other service of the same plugin (wizard steps,
 * finalization steps) so the platform can attribute them; the property is
 * {@value #PROPERTY}.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EngineId {

    /** Prefix turning the annotation's name into {@value #PROPERTY}. */
    String PREFIX_ = "org.blockhost.";

    /** The service property name. */
    String PROPERTY = "org.blockhost.engine.id";

    /** The engine's id, for example {@code evm}. */
    String value();
}
