package org.blockhost.installer.api;

/** Finalization phases, run in declaration order. */
public enum Phase {
    /** Engine preparation: host key, contract deployment. */
    ENGINE_PRE,
    /** Hypervisor preparation: templates, networks. */
    PROVISIONER,
    /** Installer's own work: configuration files, services. */
    INSTALLER_POST,
    /** Engine work that needs the above: plans, admin credential. */
    ENGINE_POST,
    /** Last steps: mark setup complete. */
    FINAL
}
