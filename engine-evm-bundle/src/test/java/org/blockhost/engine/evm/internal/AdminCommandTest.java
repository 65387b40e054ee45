package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            Fixture f = new Fixture(anvil, 2);
            long future = Instant.now().getEpochSecond() + 3600;
            String valid = command("vm.stop", 1, future);
            send(f.chain, 2, encrypt(valid));
            send(f.chain, 2, encrypt(valid));
            send(f.chain, 2, encrypt(command("vm.stop", 2, Instant.now().getEpochSecond() - 10)));
            send(f.chain, 3, encrypt(command("vm.stop", 3, future)));
            send(f.chain, 2, "0x" + "ab".repeat(120));
            send(f.chain, 2, encrypt("{\"command\":\"vm.stop\",\"params\":{},\"nonce\":4}"));
            send(f.chain, 2, encrypt("not json"));
            send(f.chain, 2, encrypt(command("vm.stop", 5, future).replace("\"nonce\"", "\"extra\":1,\"nonce\"")));
            AdminCommandScanner scanner = f.scanner(1000);
            drain(scanner);
            assertEquals(List.of(), admin(f.sink), "nothing before finality");
            anvil.mine(70);
            drain(scanner);
            anvil.mine(3);
            drain(scanner);
            List<ChainEvent.AdminCommand> got = admin(f.sink);
            assertEquals(1, got.size(), got.toString());
            assertEquals(1, got.get(0).nonce());
            assertEquals("{\"command\":\"vm.stop\",\"params\":{\"name\":\"blockhost-001\"}}", got.get(0).payload());
            assertTrue(got.get(0).sender().equalsIgnoreCase(address(2)));
            assertTrue(f.sink.cursor("evm.admin").isPresent(), "its own cursor");
            assertTrue(f.sink.cursor("evm").isEmpty(), "the event watcher's cursor is not touched");
        }
    }

    @Test
    void theHolderIsCheckedAsOfTheCommandsBlock() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            Fixture f = new Fixture(anvil, 2);
            long future = Instant.now().getEpochSecond() + 3600;
            send(f.chain, 2, encrypt(command("vm.stop", 1, future))); // 2 holds token 0 now: valid
            send(f.chain, 3, encrypt(command("vm.stop", 2, future))); // 3 does not hold it yet: refused
            f.chain.tx(f.chain.sender(2), f.d.credential(), "transferFrom", new Address(address(2)),
                    new Address(address(3)), u(0));
            anvil.mine(70);
            drain(f.scanner(1000));
            List<ChainEvent.AdminCommand> got = admin(f.sink);
            assertEquals(List.of(1L), got.stream().map(ChainEvent.AdminCommand::nonce).toList(), got.toString());
            assertTrue(got.get(0).sender().equalsIgnoreCase(address(2)));
        }
    }

    @Test
    void aCommandSentDuringALongDowntimeIsFoundAfterARestart() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            Fixture f = new Fixture(anvil, 2);
            anvil.mine(70);
            drain(f.scanner(16));
            long cursor = f.sink.cursor("evm.admin").orElseThrow().blockNumber();
            send(f.chain, 2, encrypt(command("vm.stop", 9, Instant.now().getEpochSecond() + 3600)));
            anvil.mine(200); // "down" for far more than the 16-block lookback
            drain(f.scanner(16)); // a new scanner, as after a restart: continues at its stored cursor
            assertEquals(List.of(9L), admin(f.sink).stream().map(ChainEvent.AdminCommand::nonce).toList());
            assertTrue(f.sink.cursor("evm.admin").orElseThrow().blockNumber() > cursor + 200);
        }
    }

    @Test
    void foreignTransactionsDoNotFloodTheLog() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            Fixture f = new Fixture(anvil, 2);
            for (int i = 0; i < 20; i++) {
                send(f.chain, 3, "0x" + "ab".repeat(8));
            }
            anvil.mine(70);
            AdminCommandScanner scanner = f.scanner(1000);
            drain(scanner);
            assertEquals(List.of(), admin(f.sink));
            assertEquals(1, scanner.foreignWarnings(), "one rate-limited warning for 20 foreign transactions");
        }
    }

    @Test
    void commandsAreEncryptedToADerivedKeyNotToTheTransactionKey() throws Exception {
        String derived = AdminCommandKey.publicKeyHex(HOST);
        assertEquals(derived, AdminCommandKey.publicKeyHex(Credentials.create(TestChain.KEYS[0])), "deterministic");
        byte[] hostPub = org.blockhost.crypto.api.Secp256k1.publicKey(Numeric.toBytesPadded(
                HOST.getEcKeyPair().getPrivateKey(), 32), true);
        assertFalse(derived.equalsIgnoreCase(Hex.encodePrefixed(hostPub)), "a separate key");
        long future = Instant.now().getEpochSecond() + 3600;
        AdminTxDecrypter decrypter = new AdminTxDecrypter(HOST);
        assertEquals(1, decrypter.command(encrypt(command("vm.stop", 1, future)), 0).nonce());
        assertThrows(AdminCommandParser.Rejected.class,
                () -> decrypter.command(encryptToTheHostKey(command("vm.stop", 2, future)), 0));
    }

    @Test
    void theLogLimiterLetsOneLinePerPeriodThrough() {
        long[] now = {0};
        LogLimiter limiter = new LogLimiter(Duration.ofMinutes(10), () -> now[0]);
        assertTrue(limiter.allow());
        for (int i = 0; i < 50; i++) {
            assertFalse(limiter.allow());
        }
        now[0] += Duration.ofMinutes(10).toNanos();
        assertTrue(limiter.allow());
        assertEquals(50, limiter.takeSuppressed());
        assertEquals(2, limiter.allowedCount());
    }

    /** Contracts on anvil with token 0 minted to {@code holder}, a sink, and scanners over them. */
    static final class Fixture {
        final TestChain chain;
        final TestChain.Deployment d;
        final MemorySink sink = new MemorySink();
        final EvmCredentialIssuer issuer;
        private final Anvil anvil;

        Fixture(Anvil anvil, int holder) throws Exception {
            this.anvil = anvil;
            this.chain = new TestChain(anvil);
            this.d = chain.deployAll();
            chain.tx(chain.sender(0), d.credential(), "mint", new Address(address(holder)), u(0),
                    new DynamicBytes(new byte[1]));
            this.issuer = new EvmCredentialIssuer(d.credential(), chain.calls, chain.sender(0),
                    EvmAddressFormat.INSTANCE, Duration.ofMillis(20), Duration.ofSeconds(60));
        }

        AdminCommandScanner scanner(int lookback) {
            return new AdminCommandScanner(anvil.web3j(), HOST, issuer::ownerAt, sink, "evm",
                    new AdminCommandScanner.Settings(64, 0, lookback));
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

    /** As an admin client does: to the admin-command key the engine shows in `chain status`. */
    static String encrypt(String json) {
        return Hex.encodePrefixed(Ecies.encrypt(Hex.decode(AdminCommandKey.publicKeyHex(HOST)),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    /** To the host's transaction key itself: what the engine no longer accepts. */
    static String encryptToTheHostKey(String json) {
        byte[] pub = Numeric.toBytesPadded(HOST.getEcKeyPair().getPublicKey(), 64);
        byte[] full = new byte[65];
        full[0] = 4;
        System.arraycopy(pub, 0, full, 1, 64);
        return Hex.encodePrefixed(Ecies.encrypt(full, json.getBytes(StandardCharsets.UTF_8)));
    }

    static void send(TestChain chain, int from, String data) throws Exception {
        chain.sender(from).sendAndWait(address(0), data);
    }

    static void drain(AdminCommandScanner scanner) throws Exception {
        int guard = 0;
        while (scanner.poll() && ++guard < 100) {
            // until caught up
        }
    }

    static List<ChainEvent.AdminCommand> admin(MemorySink sink) {
        return sink.events.stream().filter(e -> e instanceof ChainEvent.AdminCommand)
                .map(e -> (ChainEvent.AdminCommand) e).toList();
    }
}
