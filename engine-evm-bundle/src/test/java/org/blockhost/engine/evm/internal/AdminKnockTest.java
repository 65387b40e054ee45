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
import java.time.Instant;
import java.util.List;

import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** {@code blockhost admin knock}: built, encrypted and sent from the admin wallet; bad input sends nothing. */
class AdminKnockTest {
    @TempDir
    Path dir;

    static AdminCommandSender sender(Anvil anvil) {
        return new AdminCommandSender(anvil.web3j(), TestChain.CHAIN_ID, AdminCommandTest.HOST.getAddress(),
                AdminCommandKey.publicKeyHex(AdminCommandTest.HOST));
    }

    Path keyFile(int account, String mode) throws Exception {
        Path f = dir.resolve("admin-" + account + ".key");
        Files.writeString(f, TestChain.KEYS[account] + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    static BigInteger sent(Anvil anvil, int account) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(account), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    @Test
    void aKnockFromTheAdminWalletArrivesAtTheHostAtFinality() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            AdminCommandTest.Fixture f = new AdminCommandTest.Fixture(anvil, 2);
            AdminKnock.Options o = AdminKnock.parse("open-sesame", "22,2222", "tcp", "203.0.113.5", "300",
                    keyFile(2, "rw-------").toString(), "3600");
            String tx = AdminKnock.send(sender(anvil), o, Instant.now().getEpochSecond());
            assertTrue(tx.startsWith("0x"), tx);
            String input = anvil.web3j().ethGetTransactionByHash(tx).send().getTransaction().orElseThrow().getInput();
            assertFalse(input.contains(org.blockhost.crypto.api.Hex.encode("203.0.113.5".getBytes())), "encrypted");
            anvil.mine(70);
            AdminCommandTest.drain(f.scanner(1000));
            List<ChainEvent.AdminCommand> got = AdminCommandTest.admin(f.sink);
            assertEquals(1, got.size(), got.toString());
            assertEquals("{\"command\":\"open-sesame\",\"params\":{\"ports\":[22,2222],\"source\":\"203.0.113.5\","
                    + "\"ttl\":300}}", got.get(0).payload());
            assertTrue(got.get(0).sender().equalsIgnoreCase(address(2)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "knock|22|tcp|0.0.0.0/0|300|--source",
        "knock|22|tcp|::/0|300|--source",
        "knock|22|tcp|10.0.0.0/8|300|--source",
        "knock|22|tcp|example.org|300|--source",
        "knock|22|tcp|203.0.113.5/33|300|--source",
        "knock|22|tcp|203.0.113.256|300|--source",
        "knock|0|tcp|203.0.113.5|300|--port",
        "knock|70000|tcp|203.0.113.5|300|--port",
        "knock|22;reboot|tcp|203.0.113.5|300|--port",
        "knock|''|tcp|203.0.113.5|300|--port",
        "knock|22|icmp|203.0.113.5|300|--proto",
        "knock|22|tcp|203.0.113.5|0|--ttl",
        "knock|22|tcp|203.0.113.5|3601|--ttl",
        "knock|22|tcp|203.0.113.5|1.5|--ttl",
        "Knock|22|tcp|203.0.113.5|300|--name",
    })
    void badOptionsAreRefusedWithAClearMessage(String name, String ports, String proto, String source, String ttl,
            String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdminKnock.parse(name, ports, proto, source, ttl, "/x.key", "3600"));
        assertTrue(e.getMessage().startsWith(flag), e.getMessage());
    }

    @Test
    void aMissingOrReadableKeyFileSendsNothing() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            AdminCommandTest.Fixture f = new AdminCommandTest.Fixture(anvil, 2);
            BigInteger before = sent(anvil, 2);
            for (String file : new String[] {dir.resolve("missing.key").toString(), keyFile(2, "rw-r--rw-").toString(), ""}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminKnock.send(sender(anvil),
                        AdminKnock.parse("knock", "22", "tcp", "203.0.113.5", "300", file, "3600"),
                        Instant.now().getEpochSecond()));
                assertFalse(e.getMessage().contains(TestChain.KEYS[2].replace("0x", "")), "no key in the message");
            }
            assertEquals(before, sent(anvil, 2), "nothing sent");
            anvil.mine(70);
            AdminCommandTest.drain(f.scanner(1000));
            assertEquals(List.of(), AdminCommandTest.admin(f.sink));
        }
    }
}
