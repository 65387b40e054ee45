package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.WizardAnswers;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

class ChainSettingsServletTest {

    /** Test double of the installer's answers store: rejects one field like the real one does. */
    private static final class Answers implements WizardAnswers {
        final Map<String, String> saved = new HashMap<>();

        @Override
        public Map<String, String> answers() {
            return Map.copyOf(saved);
        }

        @Override
        public Optional<String> check(Map<String, String> answers) {
            return answers.containsKey("evm.hostKeyFile") && answers.get("evm.hostKeyFile").contains("<")
                    ? Optional.of("field 'evm.hostKeyFile' <bad>") : Optional.empty();
        }

        @Override
        public void save(Map<String, String> answers) {
            if (check(answers).isPresent()) {
                throw new IllegalArgumentException(check(answers).get());
            }
            saved.putAll(answers);
        }
    }

    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> "getProperty".equals(m.getName()) ? "dev" : null);
    }

    /** An installed host's runtime: no dev mode. */
    private static BundleContext production() {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }

    @Test
    void anInstalledHostTakesThePaymentTokenOnThisPageAndRequiresIt() {
        Answers answers = new Answers();
        ChainSettingsServlet servlet = new ChainSettingsServlet(production(), answers);
        assertTrue(servlet.savedForm("t").contains("name=stablecoin"), "the form asks for the payment token");
        String refused = servlet.save("https://rpc.example", "1", "", " ");
        assertTrue(refused.startsWith("<p class=error>Not saved: enter the payment token"), refused);
        assertTrue(answers.saved.isEmpty());
        String coin = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        assertEquals("<p class=ok>Saved.</p>", servlet.save("https://rpc.example", "1", "", " " + coin + " "));
        assertEquals(Map.of("evm.rpcUrl", "https://rpc.example", "evm.chainId", "1", "evm.stablecoin", coin), answers.saved);
        assertTrue(servlet.savedForm("t").contains("value=\"" + coin + "\""), "the saved token is shown");
        assertEquals("<p class=ok>Saved.</p>", servlet.save("https://rpc.example", "1", "", ""),
                "a saved token stays when the field is left empty");
    }

    @Test
    void savesCheckedValuesAndLeavesAnEmptyKeyFileOut() {
        Answers answers = new Answers();
        ChainSettingsServlet servlet = new ChainSettingsServlet(context(), answers);
        assertEquals("<p class=ok>Saved.</p>", servlet.save(" http://127.0.0.1:8545 ", "31337", " ", null));
        assertEquals(Map.of("evm.rpcUrl", "http://127.0.0.1:8545", "evm.chainId", "31337"), answers.saved);
    }

    @Test
    void aRejectedAnswerIsShownEscapedAndNothingIsSaved() {
        Answers answers = new Answers();
        String line = new ChainSettingsServlet(context(), answers).save("http://x", "1", "/k<ey", null);
        assertTrue(line.startsWith("<p class=error>Not saved: field &#39;evm.hostKeyFile&#39; &lt;bad&gt;"), line);
        assertTrue(answers.saved.isEmpty());
    }

    @Test
    void theSavedRpcUrlIsShownWithoutItsPathOrQuery() {
        Answers answers = new Answers();
        answers.saved.put("evm.rpcUrl", "https://rpc.example:8443/v3/SECRETKEY?apikey=SECRET2");
        answers.saved.put("evm.chainId", "1");
        ChainSettingsServlet servlet = new ChainSettingsServlet(context(), answers);
        String page = servlet.savedForm("t");
        assertFalse(page.contains("SECRET"), page);
        assertTrue(page.contains("https://rpc.example:8443/…"), page);
        assertEquals("https://rpc.example:8443/v3/SECRETKEY?apikey=SECRET2",
                servlet.submittedRpc("https://rpc.example:8443/…"), "the unchanged mask keeps the saved URL");
        assertEquals("https://other.example/x", servlet.submittedRpc("https://other.example/x"));
        assertEquals("http://127.0.0.1:8545", ChainSettingsServlet.mask("http://127.0.0.1:8545"));
        assertEquals("https://h/…", ChainSettingsServlet.mask("https://h/#frag"));
    }
}
