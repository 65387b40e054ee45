package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandRulesTest {

    private static CommandRules rules() {
        CommandRules rules = new CommandRules();
        rules.add(new String[] {"wallet=read", "wallet balance=read", "wallet *=treasury", "chain=read", "chain status=read"},
                new String[] {"wallet", "chain"});
        rules.add(new String[] {"vm=read", "vm list=read", "vm  show = read", "vm *=operate"}, "vm");
        rules.add("status=read", List.of("status", "plugins"));
        rules.add(List.of("odd=superuser", "=read", "noequals", "=", "status extra=read"), List.of("odd", "noequals"));
        // a service cannot declare roles for functions it does not offer
        rules.add(new String[] {"wallet withdraw=read", "wallet *=read", "mine=read"}, "mine");
        // a second service offering the same function: the strictest answer wins
        rules.add(new String[] {"dup=read", "dup x=read"}, "dup");
        rules.add(new String[] {"dup=read"}, "dup");
        rules.add(null, "template");
        return rules;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status                      | read",
        "status --json               | read",
        "status extra                | admin",
        "wallet                      | read",
        "wallet --json               | read",
        "wallet balance --json       | read",
        "wallet --json balance       | read",
        "wallet withdraw 0xabc       | treasury",
        "wallet --json withdraw 0xa  | treasury",
        "wallet send ETH 0xa 1       | treasury",
        "wallet BALANCE              | treasury",
        "chain status                | read",
        "chain reorg                 | admin",
        "vm                          | read",
        "vm show blockhost-001       | read",
        "vm list                     | read",
        "dup                         | read",
        "dup x                       | admin",
        "plugins                     | admin",
        "mine                        | read",
        "vm --json hold blockhost-01 | operate",
        "vm destroy blockhost-001    | operate",
        "odd                         | admin",
        "template build              | admin",
        "noequals                    | admin",
    })
    void theCallDecidesTheRoleAndUndeclaredCallsNeedAdmin(String call, String role) {
        List<String> words = Arrays.asList(call.strip().split("\\s+"));
        assertEquals(role, rules().required(words.get(0), words.subList(1, words.size())));
    }
}
