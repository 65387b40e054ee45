package org.blockhost.provisioner.proxmox.internal.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.SimHarness;
import org.blockhost.provisioner.proxmox.internal.setup.ProxmoxSetupStep;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /setup/proxmox} against the loopback PVE double: check, choices from the API, save, bad input. */
class ProxmoxStepServletTest {
    @TempDir
    Path dir;
    SimHarness sim;
    AnswersDouble setup;
    ProxmoxStepServlet servlet;
    Path keyFile;

    static final class Resp {
        int status = 200;
        final StringWriter body = new StringWriter();

        HttpServletResponse proxy() {
            PrintWriter w = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> { status = (Integer) a[0]; yield null; }
                        case "getWriter" -> w;
                        default -> null;
                    });
        }

        String text() {
            return body.toString();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimHarness(dir);
        setup = new AnswersDouble(new ProxmoxSetupStep(ConfigStoreDouble.empty()));
        keyFile = dir.resolve("config/keys/proxmox-token.key");
        servlet = new ProxmoxStepServlet(setup, keyFile);
    }

    @AfterEach
    void tearDown() {
        assertEquals(List.of(), sim.server.violations());
        sim.close();
    }

    Map<String, String> form(String action) {
        Map<String, String> f = new HashMap<>(Map.of(ProxmoxForm.API_URL, sim.server.url(), ProxmoxForm.TOKEN_ID,
                PveTestServer.TOKEN_ID, WizardCheck.SECRET, PveTestServer.SECRET, ProxmoxForm.TLS, sim.caFile.toString()));
        f.put("action", action);
        return f;
    }

    Resp post(Map<String, String> params) throws Exception {
        Resp r = new Resp();
        servlet.doPost(request(params), r.proxy());
        return r;
    }

    /** Keeps the rendered page in target/pages (to look at it in a browser with the kit's stylesheet). */
    static void keep(String name, Resp r) throws java.io.IOException {
        Path pages = Files.createDirectories(Path.of("target/pages"));
        Files.writeString(pages.resolve(name + ".html"), r.text().replace("/kit/kit.css", "kit.css"));
    }

    HttpServletRequest request(Map<String, String> params) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> m.getName().equals("getParameter") ? params.get((String) a[0]) : null);
    }

    @Test
    void checkListsWhatTheClusterReportsAndSavesNothing() throws Exception {
        Resp r = post(form("check"));
        assertEquals(200, r.status, r.text());
        keep("proxmox-checked", r);
        for (String v : List.of("value=\"pve1\"", "value=\"pve2\"", "value=\"all\"", "value=\"local-lvm\"", "value=\"vmbr0\"",
                "value=\"vmbr1\"", "complete")) {
            assertTrue(r.text().contains(v), v + " in " + r.text());
        }
        assertFalse(r.text().contains("value=\"eno1\""), "only bridges are offered");
        for (String v : List.of("value=\"all\" selected", "value=\"local-lvm\" selected", "value=\"vmbr0\" selected")) {
            assertTrue(r.text().contains(v), "preselected: the configuration's default (not the first listed, a directory"
                    + " storage) " + v + " in " + r.text());
        }
        assertFalse(r.text().contains(PveTestServer.SECRET), "the secret is never written back");
        assertEquals(Map.of(), setup.saved);
        assertFalse(Files.exists(keyFile), "check stores no secret");
    }

    @Test
    void checkListsMissingPrivilegesPerPath() throws Exception {
        sim.server.cluster.withheld.add("/pool/blockhost VM.Clone");
        sim.server.cluster.withheld.add("/nodes Sys.Audit");
        Resp r = post(form("check"));
        assertEquals(200, r.status);
        assertTrue(r.text().contains("<code>/pool/blockhost</code>: VM.Clone") && r.text().contains("<code>/nodes</code>: Sys.Audit"),
                r.text());
        Map<String, String> f = form("save");
        f.putAll(Map.of(ProxmoxForm.NODE, "pve1", ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr0"));
        keep("proxmox-missing", r);
        Resp save = post(f);
        assertEquals(400, save.status);
        assertTrue(save.text().contains("The token lacks privileges: /pool/blockhost: VM.Clone; /nodes: Sys.Audit"), save.text());
        assertEquals(Map.of(), setup.saved);
        assertFalse(Files.exists(keyFile));
    }

    @Test
    void saveWritesTheSecretToAKeyFileAndTheAnswersWithoutIt() throws Exception {
        Map<String, String> f = form("save");
        f.putAll(Map.of(ProxmoxForm.NODE, "pve2", ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr1"));
        Resp r = post(f);
        assertEquals(200, r.status, r.text());
        assertTrue(r.text().contains("Saved."));
        assertEquals(PveTestServer.SECRET + "\n", Files.readString(keyFile));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(Map.of(ProxmoxForm.API_URL, sim.server.url(), ProxmoxForm.TOKEN_ID, PveTestServer.TOKEN_ID,
                ProxmoxForm.SECRET_FILE, keyFile.toString(), ProxmoxForm.TLS, sim.caFile.toString(), ProxmoxForm.NODE, "pve2",
                ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr1"), setup.saved);
        assertFalse(setup.saved.values().stream().anyMatch(v -> v.contains(PveTestServer.SECRET)));

        f.remove(WizardCheck.SECRET); // the stored secret is used when none is typed
        assertEquals(200, post(f).status);
        Resp get = new Resp();
        servlet.doGet(request(Map.of()), get.proxy());
        assertTrue(get.text().contains("Stored. Leave empty") && get.text().contains("value=\"" + sim.server.url() + "\""));
        assertFalse(get.text().contains(PveTestServer.SECRET));
    }

    @Test
    void badInputShowsTheMessageAndSavesNothing() throws Exception {
        Map<String, String> f = form("save");
        f.putAll(Map.of(ProxmoxForm.API_URL, "http://<b>pve</b>:8006", ProxmoxForm.NODE, "pve1", ProxmoxForm.STORAGE, "local-lvm",
                ProxmoxForm.BRIDGE, "vmbr0", WizardCheck.SECRET, "not a secret!"));
        Resp r = post(f);
        assertEquals(400, r.status);
        assertTrue(r.text().contains("API URL must look like https://") && r.text().contains("Token secret must be"), r.text());
        keep("proxmox-errors", r);
        assertFalse(r.text().contains("<b>pve") || r.text().contains("not a secret!"), "never echoes bad values or the secret");

        f = form("save");
        f.putAll(Map.of(ProxmoxForm.NODE, "pve1", ProxmoxForm.STORAGE, "nfs-backup", ProxmoxForm.BRIDGE, "vmbr0"));
        r = post(f);
        assertEquals(400, r.status);
        assertTrue(r.text().contains("Storage nfs-backup is not on the chosen node(s)"), r.text());

        f = form("save");
        f.putAll(Map.of(ProxmoxForm.NODE, "pve1", ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr0",
                WizardCheck.SECRET, "0f0c7e3a-9b1d-4c2e-8f6a-0123456789ab"));
        r = post(f);
        assertEquals(400, r.status);
        assertTrue(r.text().contains("The API token was refused"), r.text());
        assertFalse(r.text().contains("0f0c7e3a"));
        assertEquals(Map.of(), setup.saved);
        assertFalse(Files.exists(keyFile));
    }
}
