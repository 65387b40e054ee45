package org.blockhost.core.internal.pipeline;

import java.util.Locale;

/** The persisted position of a subscription in the pipeline, in order. */
public enum Stage {
    RECEIVED, VM_CREATED, CREDENTIALS_ENCRYPTED, NFT_MINTED, OWNER_SET, ACTIVE;

    /** The stored and displayed name, e.g. {@code vm_created}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The stage reached when this stage's work succeeds. */
    public Stage next() {
        if (this == ACTIVE) {
            throw new IllegalStateException("active is final");
        }
        return values()[ordinal() + 1];
    }

    /** What the work leaving this stage needs. */
    public Needs needs() {
        return switch (this) {
            case RECEIVED, NFT_MINTED -> Needs.PROVISIONER;
            case VM_CREATED -> Needs.SEALER; // and the provisioner's readiness probe
            case CREDENTIALS_ENCRYPTED -> Needs.ENGINE;
            case OWNER_SET, ACTIVE -> Needs.NOTHING;
        };
    }

    /** The plugin a stage's work calls. */
    public enum Needs { PROVISIONER, SEALER, ENGINE, NOTHING }
}
