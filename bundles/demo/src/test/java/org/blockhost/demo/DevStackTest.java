package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevStackTest {
    static final String GOOD = "{\"rpcUrl\":\"http://127.0.0.1:8545\",\"chainId\":31337,\"host\":\"localhost\","
            + "\"subscriptions\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\","
            + "\"credential\":\"0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512\","
            + "\"stablecoin\":\"0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0\","
            + "\"adminWallet\":\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\",\"httpUrl\":\"http://127.0.0.1:8300\","
            + "\"realVms\":false}";

    @Test
    void readsEveryFieldAndChecksumsAddresses(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("dev.json"), GOOD);
        DevStack s = DevStack.read(home);
        assertEquals("http://127.0.0.1:8545", s.rpcUrl());
        assertEquals(31337, s.chainId());
        assertEquals("localhost", s.host());
        assertEquals("0x5FbDB2315678afecb367f032d93F642f64180aa3", s.subscriptions());
        assertEquals("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", s.credential());
        assertEquals("http://127.0.0.1:8300", s.httpUrl());
    }

    @Test
    void aMissingFileAsksWhetherTheDevStackRuns(@TempDir Path home) {
        DemoException e = assertThrows(DemoException.class, () -> DevStack.read(home));
        assertEquals(home.resolve("dev.json") + " does not exist: is `blockhost dev` running (with this --home)?",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|x: not valid JSON: Unrecognized token",
        "[1]|x: must hold a JSON object",
        "{\"rpcUrl\":\"http://a\"}|x: field \"chainId\" must be a positive integer",
        "{\"chainId\":1}|x: field \"rpcUrl\" is missing",
        "{\"chainId\":1,\"rpcUrl\":\"ftp://a\"}|x: field \"rpcUrl\" must be an http(s) URL, got 'ftp://a'",
        "{\"chainId\":-5,\"rpcUrl\":\"http://a\"}|x: field \"chainId\" must be a positive integer",
        "{\"chainId\":1.5,\"rpcUrl\":\"http://a\"}|x: field \"chainId\" must be a positive integer",
        "{\"chainId\":1,\"rpcUrl\":\"http://a\",\"host\":\"a b\"}|x: field \"host\" must be a host name, got 'a b'",
        "{\"chainId\":1,\"rpcUrl\":\"http://a\",\"host\":\"h\",\"subscriptions\":\"0x12\"}|x: field \"subscriptions\" is not an address",
        "{\"chainId\":1,\"chainId\":2}|x: not valid JSON: Duplicate field 'chainId'",
        "{\"chainId\":1,\"rpcUrl\":\"http://a\",\"host\":7}|x: field \"host\" must be a non-empty string",
    })
    void badContentNamesTheFileAndTheField(String text, String expectedStart) {
        DemoException e = assertThrows(DemoException.class, () -> DevStack.parse(text, "x"));
        assertEquals(expectedStart, e.getMessage().substring(0, Math.min(e.getMessage().length(), expectedStart.length())),
                e.getMessage());
    }

    @Test
    void aChainIdGivenAsDecimalStringIsAccepted() {
        assertEquals(31337, DevStack.parse(GOOD.replace("31337", "\"31337\""), "x").chainId());
    }

    @Test
    void homeComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        assertEquals(Path.of("/a"), DevStack.home("/a", Map.of("BLOCKHOST_HOME", "/b")));
        assertEquals(Path.of("/b"), DevStack.home(null, Map.of("BLOCKHOST_HOME", "/b")));
        assertEquals(Path.of("./.blockhost-dev"), DevStack.home(null, Map.of()));
    }
}
