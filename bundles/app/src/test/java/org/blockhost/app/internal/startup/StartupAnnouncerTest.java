package org.blockhost.app.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupAnnouncerTest {

    @Test
    void baseUrlIsTheFirstEndpointWithoutSlash() {
        assertEquals("http://127.0.0.1:8300", StartupAnnouncer.baseUrl(new String[] {"http://127.0.0.1:8300/", "x"}));
        assertEquals("http://[::1]:1", StartupAnnouncer.baseUrl(List.of("http://[::1]:1/")));
        assertEquals("http://h:2", StartupAnnouncer.baseUrl("http://h:2"));
    }
}
