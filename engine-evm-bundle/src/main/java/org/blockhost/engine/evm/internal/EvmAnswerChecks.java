package org.blockhost.engine.evm.internal;

import java.util.Optional;

import org.blockhost.crypto.api.AccessKey;

/**
 * The EVM engine's checks of single setup answers, shared by its finalization steps'
 * {@code problem} (so the wizard pages, {@code blockhost setup --answers} and {@code blockhost dev}
 * refuse the same values before anything is saved). Messages name the field, never repeat a key.
 */
final class EvmAnswerChecks {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private EvmAnswerChecks() {
    }

    static Optional<String> problem(String key, String value) {
        return Optional.ofNullable(switch (key) {
            case SetupChain.CHAIN_ID -> value.strip().matches("[1-9][0-9]{0,17}") ? null
                    : "field '" + key + "' must be a positive whole number (31337 for the dev chain)";
            case CreatePlansStep.PLANS -> plans(value);
            case AdminCredentialStep.ADMIN_WALLET -> address(key, value, false);
            case DeployContractsStep.SUBSCRIPTIONS, DeployContractsStep.CREDENTIAL, DeployContractsStep.STABLECOIN ->
                address(key, value, false);
            case AdminCredentialStep.ADMIN_ACCESS_KEY -> AccessKey.isValidCompressed(value.strip()) ? null
                    : "field '" + key + "' must be a compressed secp256k1 public key (66 hex digits starting 02 or 03),"
                            + " as printed by 'blockhost crypto access-key'";
            default -> null;
        });
    }

    private static String plans(String value) {
        try {
            PlanSpec.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "field '" + CreatePlansStep.PLANS + "': " + e.getMessage();
        }
    }

    private static String address(String key, String value, boolean zeroAllowed) {
        try {
            String a = EvmAddressFormat.INSTANCE.normalise(value.strip());
            return !zeroAllowed && a.equals(ZERO) ? "field '" + key + "' must not be the zero address" : null;
        } catch (IllegalArgumentException e) {
            return "field '" + key + "' is not an address (0x and 40 hex digits)";
        }
    }
}
