package org.blockhost.provisioner.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type naming the provisioner a component belongs to; the property is
 * {@value #PROPERTY}. Put it on the {@link Provisioner} component and on the plugin's wizard and
 * finalization steps.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProvisionerId {

    /** Prefix turning the annotation's name into {@value #PROPERTY}. */
    String PREFIX_ = "org.blockhost.";

    /** The service property name. */
    String PROPERTY = "org.blockhost.provisioner.id";

    /** The provisioner's id, for example {@code libvirt}. */
    String value();
}
