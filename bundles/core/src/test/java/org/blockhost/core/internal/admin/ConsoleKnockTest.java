package org.blockhost.core.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.blockhost.console.api.AdminCommandControl.Knock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A knock from the console is checked with the rules core applies when it arrives, before anything is prepared. */
class ConsoleKnockTest {
    static final KnockSettings SETTINGS = new KnockSettings(Set.of(22, 2222), 600);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"22|0.0.0.0/0|300|tcp|never everyone", "22|10.0.0.0/8|300|tcp|at least /24",
        "22|::/0|300|tcp|never everyone", "22|host.example|300|tcp|IPv4 or IPv6", "''|203.0.113.5|300|tcp|at least one port",
        "8443|203.0.113.5|300|tcp|Port 8443 may not", "22|203.0.113.5|601|tcp|1 to 600 seconds",
        "22|203.0.113.5|0|tcp|1 to 600 seconds", "22|203.0.113.5|300|icmp|tcp or udp"})
    void badKnocksAreRefusedWithASentence(String ports, String source, int ttl, String proto, String says) {
        List<Integer> list = ports.isEmpty() ? List.of() : List.of(Integer.parseInt(ports));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleKnock.params(new Knock(list, source, ttl, proto), SETTINGS));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void aGoodKnockBecomesTheParamsCoreCarriesOut() {
        assertEquals("{\"ports\":[22,2222],\"source\":\"203.0.113.5\",\"ttl\":300}",
                ConsoleKnock.params(new Knock(List.of(2222, 22), " 203.0.113.5 ", 300, ""), SETTINGS));
        assertEquals("{\"ports\":[22],\"source\":\"2001:db8::1\",\"ttl\":60,\"proto\":\"udp\"}",
                ConsoleKnock.params(new Knock(List.of(22), "2001:DB8::1", 60, "udp"), SETTINGS));
    }

    @Test
    void theKnockCommandIsTheConfiguredNameOfKindKnockAndNoneWhenOff() {
        AdminSettings secret = new AdminSettings(Map.of("open-sesame", "knock"), SETTINGS, true, Set.of(22));
        assertEquals("open-sesame", ConsoleKnock.commandName(secret).orElseThrow());
        assertTrue(ConsoleKnock.commandName(AdminSettings.invalid()).isEmpty(), "off: no knock");
    }
}
