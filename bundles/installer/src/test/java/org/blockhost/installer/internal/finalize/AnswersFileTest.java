package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnswersFileTest {
    private static final Set<String> KNOWN = Set.of("chain.rpc", "chain.id", "admin.wallet");

    @Test
    void parsesKeyValueLinesCommentsAndBlanks() {
        Map<String, String> a = AnswersFile.parse("f", List.of("# comment", "", "chain.rpc = http://127.0.0.1:8545",
                "  chain.id=31337  ", "admin.wallet = 0xAbC=d"), KNOWN);
        assertEquals(Map.of("chain.rpc", "http://127.0.0.1:8545", "chain.id", "31337", "admin.wallet", "0xAbC=d"), a);
    }

    @Test
    void acceptsCamelCaseFieldNamesAsThePluginsDeclareThem() {
        Map<String, String> a = AnswersFile.parse("f", List.of("evm.rpcUrl = http://127.0.0.1:8545",
                "evm.adminAccessKey=02ab"), Set.of("evm.rpcUrl", "evm.adminAccessKey"));
        assertEquals(Map.of("evm.rpcUrl", "http://127.0.0.1:8545", "evm.adminAccessKey", "02ab"), a);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chain.rpc http://x                 | f:2: expected 'field = value'",
        "Chain.Rpc = x                      | f:2: invalid field name (a lower-case letter, then letters, digits, '_', '.' or '-'; at most 64)",
        "chain.name = x                     | f:2: unknown field (known: admin.wallet, chain.id, chain.rpc)",
        "chain.id =                         | f:2: field 'chain.id' has no value",
        "chain.rpc = again                  | f:2: field 'chain.rpc' given twice",
    })
    void errorsNameTheLineAndField(String secondLine, String message) {
        String first = secondLine.startsWith("chain.rpc = again") ? "chain.rpc = once" : "# first";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnswersFile.parse("f", List.of(first, secondLine.strip()), KNOWN));
        assertEquals(message.strip(), e.getMessage());
    }

    @Test
    void errorForAKeyFileEchoesNothingFromIt() {
        String key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        for (List<String> lines : List.of(List.of(key), List.of("0x" + key), List.of(key + "=x"),
                List.of(key.substring(0, 40) + " = x"), List.of("a" + key.substring(1, 60) + " = x"),
                List.of("# c", key.toUpperCase()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AnswersFile.parse("evm-host.key", lines, KNOWN));
            assertTrue(e.getMessage().startsWith("evm-host.key:"), e.getMessage());
            for (int i = 0; i + 4 <= key.length(); i++) {
                String piece = key.substring(i, i + 4);
                assertFalse(e.getMessage().toLowerCase().contains(piece), e.getMessage() + " contains " + piece);
            }
        }
    }

    @Test
    void rejectsControlCharacters() {
        assertThrows(IllegalArgumentException.class,
                () -> AnswersFile.parse("f", List.of("chain.id = 1\u0000"), KNOWN));
    }

    @Test
    void noKnownFieldsSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnswersFile.parse("f", List.of("a = b"), Set.of()));
        assertEquals("f:1: unknown field (no setup step reads any field yet)", e.getMessage());
    }

    @Test
    void singleAnswersAreValidatedTheSameWay() {
        assertEquals(null, AnswersFile.problem("chain.id", "31337", KNOWN));
        assertEquals("unknown field (known: admin.wallet, chain.id, chain.rpc)", AnswersFile.problem("x.y", "1", KNOWN));
        assertEquals("field 'chain.id' has no value", AnswersFile.problem("chain.id", "", KNOWN));
        assertEquals("field 'chain.id' has an over-long value or control characters",
                AnswersFile.problem("chain.id", "1\n2", KNOWN));
        assertTrue(AnswersFile.problem(null, "1", KNOWN).startsWith("invalid field name ("));
    }
}
