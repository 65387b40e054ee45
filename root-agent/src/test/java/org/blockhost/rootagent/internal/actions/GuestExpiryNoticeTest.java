package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What vm-expiry-notice runs in the guest: fixed argument vectors, text built from the validated values only. */
class GuestExpiryNoticeTest {
    private static final Instant EXPIRY = Instant.parse("2027-01-15T09:30:00Z");
    private static final String URL = "https://host.example:8443/servers";

    @Test
    void bannerWritesTheMotdFileFromStdin() {
        List<GuestExec.Command> plan = GuestExpiryNotice.plan("banner", EXPIRY, URL);
        assertEquals(List.of("/usr/bin/mkdir", "-p", "/etc/motd.d"), plan.get(0).argv());
        assertNull(plan.get(0).input());
        assertEquals(List.of("/usr/bin/tee", "/etc/motd.d/blockhost"), plan.get(1).argv());
        assertEquals("\nThis server's subscription ends on 2027-01-15 09:30:00 UTC.\n"
                + "Renew it at " + URL + " before then: after that it is suspended, and later destroyed.\n\n",
                plan.get(1).input());
    }

    @Test
    void wallSendsTheMessageOnStdinNeverAsAnArgument() {
        List<GuestExec.Command> plan = GuestExpiryNotice.plan("wall", EXPIRY, URL);
        assertEquals(1, plan.size());
        assertEquals(List.of("/usr/bin/wall"), plan.get(0).argv());
        assertTrue(plan.get(0).input().contains("ends on 2027-01-15 09:30:00 UTC"), plan.get(0).input());
        assertTrue(plan.get(0).input().contains("Renew it at " + URL), plan.get(0).input());
    }

    @Test
    void stdinReachesTheGuestAgentAsInputData() {
        String req = QemuGuest.execRequest(GuestExec.Command.of("/usr/bin/wall").reading("hi\n"));
        assertTrue(req.contains("\"input-data\":\"aGkK\""), req);
        assertTrue(!QemuGuest.execRequest(GuestExec.Command.of("/usr/bin/true")).contains("input-data"));
    }
}
