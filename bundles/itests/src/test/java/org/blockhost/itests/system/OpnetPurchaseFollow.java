package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockhost.engine.opnet.internal.RpcFixture;
import org.blockhost.itests.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OPNet buy page following its purchase to "ready for login" through core's engine-neutral
 * {@code /api/public/purchase/tx/{transaction}} (issue #22), right after {@link OpnetBuyPage} broadcast it: the
 * fixture node includes the purchase in a block ({@code SubscriptionCreated} of subscription 1 for the test wallet's
 * OPNet address and the K the page derived, in the transaction the page named), the engine's watcher commits it, core's
 * pipeline creates the VM on the libvirt test driver and seals the details; the node knows the wallet's Taproot address
 * ({@code btc_publicKeyInfo}, for the guest's login wallet). The host's mint is the one part stood in: this dev stack's
 * OPNet engine has no host key (writes are "unavailable", retried), so once the page shows the minting stage the
 * credential double answers {@code tokenOfSubscription(1)} as minted (the real mint path: engine-opnet-bundle's
 * {@code SidecarNodeTest}). Every status the page showed is recorded: in stage order, the bar never going back, ending
 * with "ready for login". Screenshots while minting and when ready, light and dark, axe-core.
 */
final class OpnetPurchaseFollow {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ORDER = List.of("Waiting for a block to hold it", "Payment confirmed on chain",
            "Server created", "minting your access NFT", "NFT minted", "Almost done", "booting for the first time",
            "ready for login");
    private final String subs;
    private final Map<Long, Long> minted;

    OpnetPurchaseFollow(String subs, Map<Long, Long> minted) {
        this.subs = subs;
        this.minted = minted;
    }

    void check(Browser browser, RpcFixture node, byte[] owner, byte[] mldsa, byte[] accessKey, List<String> violations)
            throws Exception {
        ChromeDriver driver = browser.driver();
        driver.executeScript("const s = document.getElementById('buy-status'), p = document.getElementById('progress');"
                + "window.__bhSeen = [p.value + ' ' + s.textContent];" // the waiting stage OpnetBuyPage saw
                + "new MutationObserver(() => window.__bhSeen.push(p.value + ' ' + s.textContent))"
                + ".observe(s, { childList: true, characterData: true, subtree: true });");
        Matcher tx = Pattern.compile("Purchased in ([0-9a-f]{64})").matcher(driver.getPageSource());
        assertTrue(tx.find(), "the page names the purchase's transaction");
        knownWallet(driver, node, owner, mldsa);
        ByteBuffer created = ByteBuffer.allocate(137).put(OpnetServersPage.word(BigInteger.ONE))
                .put(OpnetServersPage.word(BigInteger.ONE)).put(owner).putLong(Instant.now().getEpochSecond() + 3 * 86400)
                .put(accessKey);
        node.mine(List.of(RpcFixture.tx(tx.group(1), false, new Object[] {"0x" + subs, "SubscriptionCreated", created.array()})));
        node.mineEmpty(1); // one confirmation
        browser.awaitPageText("minting your access NFT", 90);
        browser.keepInView("progress");
        EngineSwap.look(browser, "opnet-buy-minting", violations);
        minted.put(1L, 3L); // a block holds the host's mint (stood in: see above)
        node.mineEmpty(2);
        String text = browser.awaitPageText("Your server is ready for login (subscription #1).", 120);
        assertTrue(text.contains("Subscription #1, bought in " + tx.group(1)), "the subscription the host names");
        assertTrue(driver.findElement(By.id("next")).isDisplayed(), "the link to My servers");
        assertEquals("12", String.valueOf(driver.executeScript("return document.getElementById('progress').value")));
        stagesInOrder(String.valueOf(driver.executeScript("return window.__bhSeen.join('\\n')")));
        EngineSwap.look(browser, "opnet-buy-ready", violations);
        browser.keepInView(null);
    }

    /** The statuses the page showed: the waiting, minting and ready stages among them, in stage order, the bar rising. */
    private static void stagesInOrder(String seen) {
        List<Integer> stages = new ArrayList<>();
        int bar = 0;
        for (String line : seen.split("\n")) {
            int value = Integer.parseInt(line.substring(0, line.indexOf(' ')));
            assertTrue(value >= bar, "the progress bar never goes back: " + seen);
            bar = value;
            for (int i = 0; i < ORDER.size(); i++) {
                if (line.contains(ORDER.get(i)) && (stages.isEmpty() || stages.get(stages.size() - 1) != i)) {
                    stages.add(i);
                }
            }
        }
        assertTrue(stages.containsAll(List.of(0, 3, 7)), "waiting, minting and ready shown: " + seen);
        assertEquals(stages.stream().sorted().toList(), stages, "stages in order: " + seen);
        System.out.println("OPNet buy page stages seen: " + stages.stream().map(ORDER::get).toList());
    }

    /** The node knows the wallet's Bitcoin key (its first OPNet transaction linked it): the login wallet of the guest. */
    private static void knownWallet(ChromeDriver driver, RpcFixture node, byte[] owner, byte[] mldsa) {
        @SuppressWarnings("unchecked")
        Map<String, Object> taproot = (Map<String, Object>) driver.executeScript("return window.__bhOpnetFunding(1)");
        String script = (String) taproot.get("script");
        assertTrue(script.startsWith("5120") && script.length() == 68, "a Taproot output script: " + script);
        ObjectNode known = JSON.createObjectNode();
        known.putObject(HEX.formatHex(owner)).put("p2tr", (String) taproot.get("address"))
                .put("tweakedPubkey", "0x" + script.substring(4)).put("mldsaHashedPublicKey", "0x" + HEX.formatHex(owner))
                .put("mldsaPublicKey", "0x" + HEX.formatHex(mldsa));
        node.publicKeys(known);
    }
}
