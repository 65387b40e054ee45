package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** Shared set-up of the finalization step tests: one anvil per class and a map-backed wizard context. */
abstract class StepTestBase {
    static Anvil anvil;
    static TestChain chain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    /** A dev-mode wizard context over maps, answering with anvil's URL, its chain id and a host key of {@code account}. */
    MapContext context(int account) throws Exception {
        MapContext context = new MapContext(dir, true);
        Path key = dir.resolve("host" + account + ".key");
        Files.writeString(key, TestChain.KEYS[account]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        context.answers.put(SetupChain.RPC_URL, anvil.url());
        context.answers.put(SetupChain.CHAIN_ID, "31337");
        context.answers.put(SetupChain.HOST_KEY_FILE, key.toString());
        return context;
    }
}
