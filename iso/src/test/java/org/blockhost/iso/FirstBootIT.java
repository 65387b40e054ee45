package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The first-boot script in an overlay copy of this host with no network (only loopback): it installs
 * the four packages from the ISO's pool, gives "hostadmin" a one-time password, and finishes once the
 * runtime (started by hand: no systemd here) has put the setup code on the console; a rerun skips
 * every step. The VM bridge step calls a fake root-agent {@code Call} (argv and the interfaces file it
 * saw recorded): a DHCP stanza asks for a DHCP bridge ({@code "addressing":"dhcp"}), a static one does
 * not; first boot itself edits no {@code /etc/network/interfaces} and stops no ifupdown client, before or
 * after the call, success or failure (the agent retires both once the gateway answered: root-agent's
 * {@code NetnsHostBridgeDhcpTest}); the bridge becomes the wizard's answer {@code network.vmBridge}; a
 * failing call leaves the file byte-equal and ifupdown's client running; turned off, nothing is called
 * ({@code src/test/sh/firstboot-in-overlay.sh}; needs root, ~15 s).
 */
class FirstBootIT {
    static final List<String> CHECKS = List.of("no_network", "packages_from_pool", "firstboot_exit_0", "all_steps_done",
            "setup_code_on_console", "login_one_time_password", "runtime_listens_on_every_interface", "no_policy_rc_d_left", "apt_lists_untouched", "rerun_skips_every_step",
            "bridge_call_argv", "stanza_and_dhclient_left_to_the_agent", "bridge_recorded_for_wizard",
            "failed_bridge_restores_interfaces", "failed_bridge_keeps_ifupdown_dhclient", "static_uplink_bridge_argv",
            "bridge_turned_off");

    @Test
    void firstBootInstallsFromThePoolOfflineAndShowsTheSetupCode() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "overlay, namespaces and dpkg need root");
        Path src = Tools.src();
        Tools.Result r = Tools.run(List.of("sh", src.resolveSibling("test/sh/firstboot-in-overlay.sh").toString(),
                src.resolve("firstboot/blockhost-firstboot").toString(), System.getProperty("blockhost.iso.pool"),
                String.valueOf(freePort()), String.valueOf(freePort())));
        assertFalse(r.out().contains("FAIL: "), r.out());
        for (String check : CHECKS) {
            assertTrue(r.out().contains("PASS: " + check + "\n"), check + " did not pass:\n" + r.out());
        }
        assertEquals(0, r.exit(), r.out());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
