package org.blockhost.provisioner.proxmox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Invalid settings are refused naming the field, never echoing the value. */
class SettingsTest {
    static Settings with(String url, String token, Optional<Path> ca, Optional<String> pin, String pool) {
        return new Settings(URI.create(url), token, Path.of("/k"), ca, pin, List.of(), pool, "vmbr0", "local-lvm",
                false, 100000, "user", "scsi0", Optional.empty(), 24, "", 4, 1, 1, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 1000, Optional.empty(), "local", Path.of("/t"));
    }

    @Test
    void eachInvalidFieldIsNamed() {
        Optional<Path> ca = Optional.of(Path.of("/ca.pem"));
        assertEquals("invalid Proxmox provisioner setting: apiUrl", assertThrows(IllegalArgumentException.class,
                () -> with("http://pve:8006", "a@pve!b", ca, Optional.empty(), "bh")).getMessage());
        assertEquals("invalid Proxmox provisioner setting: tokenId", assertThrows(IllegalArgumentException.class,
                () -> with("https://pve:8006", "secret-looking-value", ca, Optional.empty(), "bh")).getMessage());
        assertEquals("invalid Proxmox provisioner setting: caFile/fingerprint (exactly one)", assertThrows(
                IllegalArgumentException.class, () -> with("https://pve:8006", "a@pve!b", Optional.empty(), Optional.empty(), "bh"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> with("https://pve:8006", "a@pve!b", ca, Optional.of("AB"), "bh"));
        assertEquals("invalid Proxmox provisioner setting: pool", assertThrows(IllegalArgumentException.class,
                () -> with("https://pve:8006", "a@pve!b", ca, Optional.empty(), "bad pool")).getMessage());
        with("https://pve:8006", "a@pve!b", ca, Optional.empty(), "bh");
    }

    @Test
    void anEmptyConfigurationNamesTheFirstMissingField() {
        ProxmoxConfig empty = (ProxmoxConfig) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProxmoxConfig.class}, (proxy, m, args) -> m.getDefaultValue());
        assertEquals("invalid Proxmox provisioner setting: apiUrl",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(empty)).getMessage());
    }

    @Test
    void pamSettingsAreAllThreeOrNone() {
        assertEquals(Optional.empty(), PamSettings.of("", 0, ""));
        assertThrows(IllegalArgumentException.class, () -> PamSettings.of("host.example", 0, ""));
        assertThrows(IllegalArgumentException.class, () -> PamSettings.of("host.example:99999", 1, "https://h/sign"));
        assertThrows(IllegalArgumentException.class, () -> PamSettings.of("host.example", 1, "https://h/sign\"x"));
        assertEquals("host = h.example:8443\nchain_id = 31337\nsigning_url = https://h.example:8443/sign\nmachine = blockhost-001\n",
                PamSettings.of("h.example:8443", 31337, "https://h.example:8443/sign").orElseThrow().conf("blockhost-001"));
    }
}
