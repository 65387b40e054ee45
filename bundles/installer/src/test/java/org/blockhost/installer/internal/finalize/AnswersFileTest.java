package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        "chain.rpc http://x                 | f:2: expected 'field = value', got 'chain.rpc http://x'",
        "Chain.Rpc = x                      | f:2: invalid field name 'Chain.Rpc'",
        "chain.name = x                     | f:2: unknown field 'chain.name' (known: admin.wallet, chain.id, chain.rpc)",
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
    void rejectsControlCharacters() {
        assertThrows(IllegalArgumentException.class,
                () -> AnswersFile.parse("f", List.of("chain.id = 1\u0000"), KNOWN));
    }

    @Test
    void noKnownFieldsSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnswersFile.parse("f", List.of("a = b"), Set.of()));
        assertEquals("f:1: unknown field 'a' (no setup step reads any field yet)", e.getMessage());
    }

    @Test
    void singleAnswersAreValidatedTheSameWay() {
        assertEquals(null, AnswersFile.problem("chain.id", "31337", KNOWN));
        assertEquals("unknown field 'x.y' (known: admin.wallet, chain.id, chain.rpc)", AnswersFile.problem("x.y", "1", KNOWN));
        assertEquals("field 'chain.id' has no value", AnswersFile.problem("chain.id", "", KNOWN));
        assertEquals("field 'chain.id' has an over-long value or control characters",
                AnswersFile.problem("chain.id", "1\n2", KNOWN));
        assertEquals("invalid field name 'null'", AnswersFile.problem(null, "1", KNOWN));
    }
}
