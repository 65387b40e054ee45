package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.api.WizardAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard page on the fixture node: server-side checks (the steps' own), the live node check, nothing saved on refusal. */
class ChainServletTest {
    @TempDir
    Path tmp;

    /**
     * The installer's answers store as far as the page sees it (test double): each field checked by the declaring
     * step's {@code problem}, saving into {@code store}.
     */
    private static WizardAnswers answersIn(Map<String, String> store) {
        return new WizardAnswers() {
            @Override
            public Optional<String> check(Map<String, String> submitted) {
                return submitted.entrySet().stream().map(e -> e.getValue().isEmpty() // as the installer's AnswersFile
                        ? Optional.of("field '" + e.getKey() + "' has no value") : OpnetAnswers.problem(e.getKey(), e.getValue()))
                        .flatMap(Optional::stream).findFirst();
            }

            @Override
            public void save(Map<String, String> submitted) {
                check(submitted).ifPresent(p -> {
                    throw new IllegalArgumentException(p);
                });
                store.putAll(submitted);
            }

            @Override
            public Map<String, String> answers() {
                return Map.copyOf(store);
            }
        };
    }

    @Test
    void refusalsSaveNothingAndAGoodFormIsSavedAfterTheLiveCheck() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.genesisHash(OpnetAnswers.GENESIS.get("regtest"));
            node.mineEmpty(7);
            Map<String, String> saved = new HashMap<>();
            ChainServlet servlet = new ChainServlet(true, answersIn(saved));
            Path key = Files.createFile(tmp.resolve("opnet-host.key"));
            Files.writeString(key, "zoo ".repeat(12));
            Map<String, String> form = form(node.url() + "rpc/SECRETKEY", key);

            form.put(OpnetAnswers.PLANS, "100,0");
            String page = servlet.submit("t", form);
            assertTrue(page.contains("Nothing was saved: correct the field marked below.")
                    && page.contains("<p class=\"bh-field-error\" id=\"plans-error\">Each price must be"), page);
            assertTrue(page.contains("id=\"plans\" name=\"plans\"")
                    && page.contains("value=\"100,0\" aria-describedby=\"plans-hint plans-error\" aria-invalid=\"true\""), page);
            assertFalse(page.contains("opnet.plans"), "no internal field name on the page");
            form.put(OpnetAnswers.PLANS, "100,250");
            form.put(OpnetAnswers.NETWORK, "mainnet");
            assertTrue(servlet.submit("t", form).contains("id=\"rpcUrl-error\">The node is not on mainnet"));
            form.put(OpnetAnswers.NETWORK, "regtest");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
            assertTrue(servlet.submit("t", form).contains("id=\"hostKeyFile-error\">The host key file is open to others"));
            assertTrue(saved.isEmpty(), "nothing saved on any refusal");

            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
            page = servlet.submit("t", form);
            assertTrue(page.contains("Saved. The node answered at block 7."), page);
            assertEquals(form, saved);
            assertFalse(page.contains("SECRETKEY") || page.contains("zoo"), "neither the URL's path nor the key is shown");
            String mask = "http://127.0.0.1:" + node.url().getPort() + "/…";
            assertTrue(page.contains("value=\"" + mask + "\""), page);

            form.put(OpnetAnswers.RPC_URL, mask);
            form.put(OpnetAnswers.ADMIN_ADDRESS, BUYER);
            assertTrue(servlet.submit("t", form).contains("Saved."));
            assertEquals(node.url() + "rpc/SECRETKEY", saved.get(OpnetAnswers.RPC_URL), "the unchanged mask keeps the URL");
            assertEquals(BUYER, saved.get(OpnetAnswers.ADMIN_ADDRESS));

            saved.clear();
            form.putAll(Map.of(OpnetAnswers.SUBSCRIPTIONS, "", OpnetAnswers.CREDENTIAL, " ", OpnetAnswers.PAYMENT_TOKEN, ""));
            assertTrue(servlet.submit("t", form).contains("Saved."), "empty contracts: setup will deploy them");
            assertFalse(saved.containsKey(OpnetAnswers.SUBSCRIPTIONS) || saved.containsKey(OpnetAnswers.CREDENTIAL)
                    || saved.containsKey(OpnetAnswers.PAYMENT_TOKEN), saved.toString());
        }
    }

    /**
     * A finalization step that reads these answers starts between the check and the save: the setup service's typed
     * refusal reaches the installer's fence (400 with its sentence, the same for every page), nothing saved.
     */
    @Test
    void aSaveRefusedAfterItsCheckIsLeftToTheInstallersFence() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.genesisHash(OpnetAnswers.GENESIS.get("regtest"));
            node.mineEmpty(3);
            Map<String, String> saved = new HashMap<>();
            WizardAnswers store = answersIn(saved);
            WizardAnswers refusing = new WizardAnswers() {
                @Override
                public Optional<String> check(Map<String, String> submitted) {
                    return store.check(submitted);
                }

                @Override
                public void save(Map<String, String> submitted) {
                    throw new SetupChangedException(OpnetAnswers.RPC_URL, "field 'opnet.rpcUrl': a running step reads it",
                            "A running step reads it.");
                }

                @Override
                public Map<String, String> answers() {
                    return store.answers();
                }
            };
            Path key = Files.createFile(tmp.resolve("opnet-host.key"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-r-----")));
            Files.writeString(key, "zoo ".repeat(12));
            assertThrows(SetupChangedException.class,
                    () -> new ChainServlet(true, refusing).submit("t", form(node.url() + "rpc", key)));
            assertTrue(saved.isEmpty());
        }
    }

    @Test
    void valuesAreEscapedAndThePageHasNoScript() {
        Map<String, String> values = new HashMap<>(Map.of(OpnetAnswers.ADMIN_ADDRESS, "\"><script>alert(1)</script>"));
        String page = ChainPage.render(new ChainPage.View("c\"srf", values, "<b>bad</b>", false, OpnetAnswers.ADMIN_ADDRESS));
        assertFalse(page.contains("<script") || page.contains("<b>"), page);
        assertTrue(page.contains("&lt;b&gt;bad&lt;/b&gt;") && page.contains("value=\"c&quot;srf\""), page);
        assertEquals("https://h:8443/…", ChainPage.masked("https://h:8443/v1/KEY?x=1"));
        assertEquals("https://h", ChainPage.masked("https://h/"));
        assertEquals("https://h/…", ChainPage.masked("https://u:p@h/"));
    }

    private static Map<String, String> form(String rpc, Path key) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(OpnetAnswers.RPC_URL, rpc);
        f.put(OpnetAnswers.NETWORK, "regtest");
        f.put(OpnetAnswers.HOST_KEY_FILE, key.toString());
        f.put(OpnetAnswers.HOST_ADDRESS, BUYER);
        f.put(OpnetAnswers.SUBSCRIPTIONS, SUBS);
        f.put(OpnetAnswers.CREDENTIAL, CRED);
        f.put(OpnetAnswers.PLANS, "100,250");
        f.put(OpnetAnswers.ADMIN_ADDRESS, OTHER);
        return f;
    }
}
