package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.blockhost.crypto.api.Eip55;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard step's check against anvil, and the form's escaping. */
class ChainSettingsCheckTest {
    @TempDir
    Path dir;

    @Test
    void checksChainIdAndShowsTheHostWalletAndBalance() throws Exception {
        Path key = dir.resolve("host.key");
        Files.writeString(key, TestChain.KEYS[2]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try (Anvil anvil = Anvil.start()) {
            new TestChain(anvil); // funds the test keys
            ChainSettingsCheck.Result ok = ChainSettingsCheck.check(anvil.url(), "31337", key.toString(), true);
            assertTrue(ok.ok(), ok.error());
            assertEquals(Eip55.checksum(TestChain.address(2)), ok.hostAddress());
            assertTrue(ok.balanceWei().signum() > 0);
            ChainSettingsCheck.Result wrongChain = ChainSettingsCheck.check(anvil.url(), "1", key.toString(), true);
            assertTrue(wrongChain.error().contains("serves chain 31337"), wrongChain.error());
            assertFalse(ChainSettingsCheck.check(anvil.url(), "31337", key.toString(), false).ok(), "loopback in production");
            assertFalse(ChainSettingsCheck.check(anvil.url(), "x", key.toString(), true).ok());
            assertFalse(ChainSettingsCheck.check(anvil.url(), "31337", dir.resolve("none").toString(), true).ok());
        }
        ChainSettingsCheck.Result down = ChainSettingsCheck.check("http://127.0.0.1:1", "31337", key.toString(), true);
        assertFalse(down.ok());
    }

    /** An installed host has no host key before setup creates it: the page must pass without a key file. */
    @Test
    void withoutAKeyFileTheChainIsCheckedAndNoWalletShown() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            ChainSettingsCheck.Result noKey = ChainSettingsCheck.check(anvil.url(), "31337", " ", true);
            assertTrue(noKey.ok(), noKey.error());
            assertEquals(31337, noKey.chainId());
            assertNull(noKey.hostAddress());
            assertTrue(ChainSettingsServlet.reached(noKey).contains("setup creates the host key"));
            assertTrue(ChainSettingsCheck.check(anvil.url(), "1", null, true).error().contains("serves chain 31337"),
                    "the chain id is still checked");
        }
    }

    @Test
    void formValuesAreEscaped() {
        String form = ChainSettingsServlet.form("t", "\"><script>alert(1)</script>", "1", "/k'ey", "0x<b>");
        assertFalse(form.contains("<script>"), form);
        assertTrue(form.contains("&quot;&gt;&lt;script&gt;"), form);
        assertTrue(form.contains("/k&#39;ey"), form);
        assertTrue(form.contains("0x&lt;b&gt;"), form);
    }
}
