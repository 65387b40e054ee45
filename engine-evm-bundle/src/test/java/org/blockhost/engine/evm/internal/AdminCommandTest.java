package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Encrypted admin commands from the admin credential holder to the host, on anvil. */
class AdminCommandTest {
    static final Credentials HOST = Credentials.create(TestChain.KEYS[0]);

    @Test
    void onlyValidCommandsFromTheHolderArriveOnceAtFinality() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployAll();
            chain.tx(chain.sender(0), d.credential(), "mint", new Address(address(2)), u(0),
                    new DynamicBytes(new byte[1]));
            EvmCredentialIssuer issuer = new EvmCredentialIssuer(d.credential(), chain.calls, chain.sender(0),
                    EvmAddressFormat.INSTANCE, Duration.ofMillis(20), Duration.ofSeconds(60));
            MemorySink sink = new MemorySink();
            ChainWatcher watcher = new ChainWatcher("evm", ChainReader.of(anvil.web3j()), sink, d.subscriptions(),
                    d.credential(), new ChainWatcher.Settings(0, 0, 2000, 64)).withAdminCommands(
                    new AdminCommandScanner(anvil.web3j(), HOST, issuer::adminHolder, 64, 0, 1000));
            long future = Instant.now().getEpochSecond() + 3600;
            String valid = command("vm.stop", 1, future);
            send(chain, 2, encrypt(valid));
            send(chain, 2, encrypt(valid));
            send(chain, 2, encrypt(command("vm.stop", 2, Instant.now().getEpochSecond() - 10)));
            send(chain, 3, encrypt(command("vm.stop", 3, future)));
            send(chain, 2, "0x" + "ab".repeat(120));
            send(chain, 2, encrypt("{\"command\":\"vm.stop\",\"params\":{},\"nonce\":4}"));
            send(chain, 2, encrypt("not json"));
            send(chain, 2, encrypt(command("vm.stop", 5, future).replace("\"nonce\"", "\"extra\":1,\"nonce\"")));
            drain(watcher);
            assertEquals(List.of(), admin(sink), "nothing before finality");
            anvil.mine(70);
            drain(watcher);
            anvil.mine(3);
            drain(watcher);
            List<ChainEvent.AdminCommand> got = admin(sink);
            assertEquals(1, got.size(), got.toString());
            assertEquals(1, got.get(0).nonce());
            assertEquals("{\"command\":\"vm.stop\",\"params\":{\"name\":\"blockhost-001\"}}", got.get(0).payload());
            assertTrue(got.get(0).sender().equalsIgnoreCase(address(2)));
        }
    }

    @Test
    void parserFailsClosed() throws Exception {
        long now = 1_000;
        String[] bad = {"", "[]", "null", "{\"command\":\"x\",\"params\":{},\"nonce\":1,\"expires\":2000} x",
            "{\"command\":\"x\",\"params\":{},\"nonce\":1,\"expires\":2000,\"command\":\"y\"}",
            "{\"command\":\"X\",\"params\":{},\"nonce\":1,\"expires\":2000}",
            "{\"command\":\"x\",\"params\":[],\"nonce\":1,\"expires\":2000}",
            "{\"command\":\"x\",\"params\":{},\"nonce\":0,\"expires\":2000}",
            "{\"command\":\"x\",\"params\":{},\"nonce\":1.5,\"expires\":2000}",
            "{\"command\":\"x\",\"params\":{},\"nonce\":\"1\",\"expires\":2000}",
            "{\"command\":\"x\",\"params\":{},\"nonce\":1,\"expires\":1000}",
            "{\"command\":\"x\",\"params\":{},\"nonce\":99999999999999999999,\"expires\":2000}"};
        for (String text : bad) {
            assertThrows(AdminCommandParser.Rejected.class,
                    () -> AdminCommandParser.parse(text.getBytes(StandardCharsets.UTF_8), now), text);
        }
        assertThrows(AdminCommandParser.Rejected.class, () -> AdminCommandParser.parse(new byte[] {(byte) 0xff}, now));
        assertEquals(7, AdminCommandParser.parse(
                "{\"command\":\"x\",\"params\":{},\"nonce\":7,\"expires\":2000}".getBytes(StandardCharsets.UTF_8), now)
                .nonce());
    }

    static String command(String name, long nonce, long expires) {
        return "{\"command\":\"" + name + "\",\"params\":{\"name\":\"blockhost-001\"},\"nonce\":" + nonce
                + ",\"expires\":" + expires + "}";
    }

    static String encrypt(String json) {
        byte[] pub = Numeric.toBytesPadded(HOST.getEcKeyPair().getPublicKey(), 64);
        byte[] full = new byte[65];
        full[0] = 4;
        System.arraycopy(pub, 0, full, 1, 64);
        return Hex.encodePrefixed(Ecies.encrypt(full, json.getBytes(StandardCharsets.UTF_8)));
    }

    static void send(TestChain chain, int from, String data) throws Exception {
        chain.sender(from).sendAndWait(address(0), data);
    }

    static void drain(ChainWatcher watcher) throws Exception {
        int guard = 0;
        while (watcher.poll() && ++guard < 100) {
            // until caught up
        }
    }

    static List<ChainEvent.AdminCommand> admin(MemorySink sink) {
        return sink.events.stream().filter(e -> e instanceof ChainEvent.AdminCommand)
                .map(e -> (ChainEvent.AdminCommand) e).toList();
    }
}
