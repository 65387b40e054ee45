package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The compiled contracts packaged in the bundle under {@code /contracts} (see contracts/compile.js). */
public final class ContractArtifacts {
    public static final String SUBSCRIPTIONS = "BlockhostSubscriptions";
    public static final String CREDENTIAL = "AccessCredential";
    public static final String TEST_STABLECOIN = "TestStablecoin";

    private ContractArtifacts() {
    }

    /** The creation bytecode of a contract as 0x-hex (constructor arguments not appended). */
    public static String bytecode(String contract) {
        return "0x" + read(contract + ".bin").trim();
    }

    /** The ABI JSON of a contract. */
    public static String abi(String contract) {
        return read(contract + ".abi.json");
    }

    private static String read(String file) {
        try (InputStream in = ContractArtifacts.class.getResourceAsStream("/contracts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("contract artifact missing from the bundle: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
