package org.blockhost.provisioner.libvirt.internal.vm;

import java.nio.file.Path;

/** Where a VM's overlay and seed live, and where a template lies. */
public record VmFiles(Path vmDir, Path templateDir) {
    public Path overlay(String vm) {
        return vmDir.resolve(vm + ".qcow2");
    }

    public Path seed(String vm) {
        return vmDir.resolve(vm + "-seed.iso");
    }

    public Path template(String template) {
        return templateDir.resolve(template + ".qcow2");
    }
}
