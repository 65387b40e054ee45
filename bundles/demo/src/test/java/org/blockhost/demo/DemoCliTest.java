package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.blockhost.demo.internal.cli.CliHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code blockhost demo buy|login} end to end on anvil, with a test thread minting as the host would. */
class DemoCliTest extends AnvilStackTestBase {
    static FakeHostMinter host;

    @BeforeAll
    static void startHost() {
        host = new FakeHostMinter(t);
    }

    @AfterAll
    static void stopHost() throws Exception {
        host.close();
    }

    static CliHarness.Run demo(String... args) {
        return CliHarness.run(List.of(args), Map.of("BLOCKHOST_HOME", home.toString()));
    }

    @Test
    void buyWithTheDefaultDevWalletPrintsTheDecryptedDetailsAsJson() throws Exception {
        Path fresh = Files.createDirectory(home.resolve("fresh-home"));
        Files.copy(home.resolve(DevStack.FILE), fresh.resolve(DevStack.FILE));
        CliHarness.Run run = CliHarness.run(List.of("buy", "--json", "--days", "2", "--home", fresh.toString()),
                Map.of());
        assertEquals(0, run.exit(), run.err());
        Path key = fresh.resolve("keys/wallet-1.key");
        assertTrue(run.err().contains("wrote anvil's dev account #1 key to " + key), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(run.out().contains(TestStack.ANVIL_KEYS[1]) || run.err().contains(TestStack.ANVIL_KEYS[1]));

        JsonNode o = new ObjectMapper().readTree(run.out());
        long id = o.get("subscriptionId").asLong();
        assertEquals(Names.vmName(id), o.get("vm").asText());
        assertEquals("localhost", o.get("host").asText());
        assertEquals(2201, o.get("port").asInt());
        assertEquals("admin", o.get("user").asText());
        assertEquals("ssh -p 2201 admin@localhost", o.get("ssh").asText());
        assertEquals("blockhost demo login " + Names.vmName(id) + " --wallet-key " + key.toAbsolutePath()
                + " --home " + fresh.toAbsolutePath(), o.get("login").asText());
        assertEquals(new Credentials(t.chain).tokenOf(id).orElseThrow(), o.get("tokenId").asLong());

        CliHarness.Run again = CliHarness.run(List.of("buy", "--home", fresh.toString()), Map.of());
        assertEquals(0, again.exit(), again.err());
        assertFalse(again.err().contains("wrote"), "the key file is written once");
        assertTrue(again.out().contains("connect:  ssh -p 2201 admin@localhost"), again.out());
        assertTrue(again.out().contains("login:    blockhost demo login blockhost-"), again.out());
    }

    @Test
    void failuresAreClearWithExitStatusOne() throws Exception {
        CliHarness.Run unknown = demo("buy", "--plan", "9");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("plan 9 does not exist"), unknown.err());
        CliHarness.Run inactive = demo("buy", "--plan", "2");
        assertEquals(1, inactive.exit());
        assertTrue(inactive.err().contains("plan 2 (retired) is not active"), inactive.err());

        CliHarness.Run noStack = CliHarness.run(List.of("buy", "--home", home.resolve("nowhere").toString()), Map.of());
        assertEquals(1, noStack.exit());
        assertTrue(noStack.err().contains("dev.json does not exist: is `blockhost dev` running"), noStack.err());

        host.minting.set(false);
        try {
            CliHarness.Run timeout = demo("buy", "--timeout", "2");
            assertEquals(1, timeout.exit());
            assertTrue(timeout.err().contains("blockhost pipeline"), timeout.err());
        } finally {
            host.minting.set(true);
        }
    }

    @Test
    void loginRefusesAWalletThatCannotDecryptAndASubscriptionWithoutNft() throws Exception {
        CliHarness.Run bought = demo("buy", "--json");
        assertEquals(0, bought.exit(), bought.err());
        String vm = new ObjectMapper().readTree(bought.out()).get("vm").asText();
        Path other = TestStack.keyFile(home, "other.key", TestStack.ANVIL_KEYS[2]);

        CliHarness.Run wrong = demo("login", vm, "--wallet-key", other.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("cannot decrypt"), wrong.err());
        CliHarness.Run none = demo("login", "blockhost-999", "--wallet-key", other.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("subscription 999 has no access NFT"), none.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, demo().exit());
        assertEquals(2, demo("sell").exit());
        assertEquals(2, demo("buy", "--days", "0").exit());
        assertEquals(2, demo("buy", "--days", "3651").exit());
        assertEquals(2, demo("buy", "--plan").exit());
        assertEquals(2, demo("buy", "--color").exit());
        assertEquals(2, demo("login").exit());
        assertEquals(1, demo("login", "vm-1").exit(), "not a VM name: a clear failure");
        assertEquals(0, demo("help").exit());
    }
}
