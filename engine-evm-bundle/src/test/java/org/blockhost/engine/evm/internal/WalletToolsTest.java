package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.crypto.api.Eip55;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The operator CLI's wallet tools on anvil: address book, who signed, balances by role; bad input sends nothing. */
class WalletToolsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void addressBookWhoAndBalancesByRole() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployAll();
            chain.tx(chain.sender(0), d.subscriptions(), "setStablecoin", new Address(d.coin()));
            chain.tx(chain.sender(0), d.coin(), "mint", new Address(address(3)), u(2_500_000));
            EvmEngine engine = new EvmEngine(new MemorySink(), Configs.evm(chain.engineConfig(d, dir)));
            try {
                EvmAddressBook book = new EvmAddressBook(dir.resolve("state/evm-addressbook.json"));
                EvmCommands cli = new EvmCommands(engine, new MemorySink(), book);
                assertEquals("the address book is empty", cli.addressbook(false));
                JsonNode added = JSON.readTree(cli.addressbook(true, "add", "dev", address(3).toLowerCase()));
                assertEquals(Eip55.checksum(address(3)), added.path("address").asText());
                assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        dir.resolve("state/evm-addressbook.json"))));
                assertEquals(Eip55.checksum(address(3)), JSON.readTree(cli.addressbook(true, "list")).path("dev").asText());

                JsonNode dev = JSON.readTree(cli.wallet(true, "balance", "dev"));
                assertEquals(Eip55.checksum(address(3)), dev.path("address").asText());
                assertEquals("2.500000", dev.path("balances").get(1).path("amount").asText(), dev.toString());
                assertEquals(engine.treasury().address(), JSON.readTree(cli.wallet(true, "balance", "host")).path("address").asText());
                assertEquals(Eip55.checksum(address(3)), JSON.readTree(cli.wallet(true, "balance", address(3))).path("address").asText());

                String signature = PersonalSign.sign(org.blockhost.crypto.api.Hex.decode(TestChain.KEYS[1]), "hello").toHex();
                assertEquals(Eip55.checksum(address(1)), JSON.readTree(cli.wallet(true, "who", "hello", signature)).path("signer").asText());
                assertEquals(Eip55.checksum(address(1)), cli.wallet(false, "who", "hello", signature));

                assertTrue(JSON.readTree(cli.addressbook(true, "remove", "dev")).path("removed").asBoolean());
                assertFalse(JSON.readTree(cli.addressbook(true, "remove", "dev")).path("removed").asBoolean());
                badInputSendsNothing(anvil, engine, cli, signature);
            } finally {
                engine.deactivate();
            }
        }
    }

    private void badInputSendsNothing(Anvil anvil, EvmEngine engine, EvmCommands cli, String signature) throws Exception {
        BigInteger nonce = anvil.web3j().ethGetTransactionCount(engine.treasury().address(), DefaultBlockParameterName.PENDING)
                .send().getTransactionCount();
        String book = cli.addressbook(true, "list");
        String[][] bad = {
            {"wallet", "balance", "dev"}, {"wallet", "balance", "Dev"}, {"wallet", "balance", "0x1234"},
            {"wallet", "who", "hello", "0x1234"}, {"wallet", "who", "hello"},
            {"wallet", "send", "ETH", address(2), "0.0000000000000000001"}, {"wallet", "send", "TUSD", address(2), "1.0000001"},
            {"wallet", "send", "ETH", "0x1234", "1"}, {"wallet", "send", "DOGE", address(2), "1"},
            {"wallet", "send", "ETH", address(2), "-1"}, {"wallet", "frobnicate"},
            {"addressbook", "add", "Dev", address(3)}, {"addressbook", "add", "host", address(3)},
            {"addressbook", "add", "dev", "0x1234"}, {"addressbook", "add", "dev", mixedCaseWithWrongChecksum(address(3))},
            {"addressbook", "add", "dev"}, {"addressbook", "remove", "no such"}, {"addressbook", "frobnicate"},
        };
        for (String[] args : bad) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(cli, args[0], rest), String.join(" ", args));
            assertFalse(e.getMessage().isBlank(), String.join(" ", args));
        }
        assertThrows(IllegalArgumentException.class, () -> cli.wallet(false, "who", "hello", signature + "00"));
        assertEquals(nonce, anvil.web3j().ethGetTransactionCount(engine.treasury().address(), DefaultBlockParameterName.PENDING)
                .send().getTransactionCount(), "nothing sent");
        assertEquals(book, cli.addressbook(true, "list"), "the address book is unchanged");
    }

    private static String run(EvmCommands cli, String function, String... args) throws Exception {
        return function.equals("wallet") ? cli.wallet(true, args) : cli.addressbook(true, args);
    }

    private static String mixedCaseWithWrongChecksum(String address) {
        String checksummed = Eip55.checksum(address);
        StringBuilder b = new StringBuilder(checksummed);
        for (int i = 2; i < b.length(); i++) {
            char c = b.charAt(i);
            if (Character.isLetter(c)) {
                b.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                return b.toString();
            }
        }
        throw new IllegalStateException("no letter in " + address);
    }
}
