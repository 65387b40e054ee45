package org.blockhost.itests.system;

import static org.blockhost.itests.system.OpnetServersPage.prefixed;
import static org.blockhost.itests.system.OpnetServersPage.selector;
import static org.blockhost.itests.system.OpnetServersPage.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.blockhost.engine.opnet.internal.RpcFixture;
import org.blockhost.itests.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OPNet engine's buy page {@code /} on the swapped stack (issue #22), in the browser session of {@link
 * OpnetServersPage} (the test OP_WALLET injected): the fixture answers the subscriptions contract's plans (1 on sale
 * at 1.50 TUSD a day, 2 off sale) and an OP20 double ("TUSD", 6 decimals, a balance of 10). Three days of plan 1 cost
 * 4.50 TUSD; after two ECDSA signatures the page sends the approval and, once the double shows the allowance, the
 * purchase, both signed by the test wallet with the SDK; the fixture decodes both broadcasts: {@code
 * increaseAllowance(subscriptions, 4.50 TUSD)} and {@code buySubscription(1, 3, K, 4.50 TUSD)} with the K derived in
 * {@link OpnetServersPage}. Screenshots light and dark, axe-core. The page then follows the purchase ({@link
 * OpnetPurchaseFollow}).
 */
final class OpnetBuyPage {
    private static final HexFormat HEX = HexFormat.of();
    private static final String TOKEN = "70".repeat(32);
    private static final BigInteger TOTAL = BigInteger.valueOf(4_500_000);
    private final String subs;
    private final AtomicReference<BigInteger> allowance;

    /** {@code allowance}: what the OP20 double answers for {@code allowance(owner, subscriptions)}; see {@link #contracts}. */
    OpnetBuyPage(String subs, AtomicReference<BigInteger> allowance) {
        this.subs = subs;
        this.allowance = allowance;
    }

    void check(Browser browser, RpcFixture node, String base, byte[] accessKey, List<String> violations) throws Exception {
        AtomicReference<BigInteger> allowance = this.allowance;
        allowance.set(BigInteger.ZERO);
        ChromeDriver driver = browser.driver();
        driver.get(base + "/");
        String text = browser.awaitPageText("1.50 TUSD / day", 30);
        assertTrue(text.contains("Plan 1") && !text.contains("Plan 2"), "only the plan on sale: " + text);
        WebElement days = driver.findElement(By.id("days"));
        days.clear();
        days.sendKeys("3");
        browser.awaitPageText(">4.50 TUSD</strong>", 10); // the total
        EngineSwap.look(browser, "opnet-buy", violations);
        OpnetServersPage.fund(driver, node);
        driver.findElement(By.id("connect")).click();
        browser.awaitPageText("Your balance: 10.00 TUSD.", 30);
        int before = node.interactions.size();
        driver.findElement(By.id("buy")).click();
        browser.awaitPageText("Step 1 of 2: approval sent in", 60);
        OpnetServersPage.broadcast(driver, node);
        assertTrue(HEX.formatHex(node.interactions.get(before)).endsWith(selector("increaseAllowance(address,uint256)") + subs
                + HEX.formatHex(word(TOTAL))), "the approval: exactly the total to the subscriptions contract");
        allowance.set(TOTAL); // a block holds the approval
        text = browser.awaitPageText("Purchased in ", 60);
        assertTrue(text.contains("Waiting for a block to hold it"), text);
        OpnetServersPage.broadcast(driver, node);
        String buy = selector("buySubscription(uint256,uint64,bytes,uint256)") + HEX.formatHex(word(BigInteger.ONE))
                + "0000000000000003" + "00000021" + HEX.formatHex(accessKey) + HEX.formatHex(word(TOTAL));
        assertTrue(HEX.formatHex(node.interactions.get(before + 1)).endsWith(buy), "buySubscription(1, 3, K, total)");
        String calls = String.valueOf(driver.executeScript("return window.__bhOpnetCalls.join(',')"));
        assertEquals(2, Arrays.stream(calls.split(",")).filter("signAndBroadcastInteraction"::equals).count(), calls);
        assertEquals(2, Arrays.stream(calls.split(",")).filter("signData ecdsa"::equals).count(), calls);
        browser.keepInView("progress");
        EngineSwap.look(browser, "opnet-buy-waiting", violations);
        browser.keepInView(null);
    }

    /**
     * Plans 1 (1.5 TUSD a day, on sale) and 2 (off sale) of the subscriptions contract {@code subs}; the OP20 "TUSD"
     * double answering {@code allowance}; the writes' simulations (approval, purchase, renewal) succeed.
     */
    static RpcFixture.Calls contracts(String subs, AtomicReference<BigInteger> allowance) {
        return (to, data, height) -> {
            String sel = HEX.formatHex(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            String contract = to.replaceFirst("^0x", "");
            if (contract.equals(subs)) {
                return subscriptions(sel, arg);
            }
            if (contract.equals(TOKEN)) {
                return token(sel, allowance.get());
            }
            return null;
        };
    }

    private static ObjectNode subscriptions(String sel, long arg) {
        if (sel.equals(selector("planCount()"))) {
            return RpcFixture.returns(word(BigInteger.TWO));
        }
        if (sel.equals(selector("paymentToken()"))) {
            return RpcFixture.returns(HEX.parseHex(TOKEN));
        }
        if (sel.equals(selector("getPlan(uint256)"))) {
            return RpcFixture.returns(ByteBuffer.allocate(33).put(word(BigInteger.valueOf(arg * 1_500_000)))
                    .put((byte) (arg == 1 ? 1 : 0)).array());
        }
        if (sel.equals(selector("buySubscription(uint256,uint64,bytes,uint256)"))) {
            return RpcFixture.returns(word(BigInteger.ONE));
        }
        if (sel.equals(selector("extendSubscription(uint256,uint64,uint256)"))) {
            return RpcFixture.returns(ByteBuffer.allocate(8).putLong(1_900_000_000L).array());
        }
        return null;
    }

    private static ObjectNode token(String sel, BigInteger allowed) {
        if (sel.equals(selector("decimals()"))) {
            return RpcFixture.returns(new byte[] {6});
        }
        if (sel.equals(selector("symbol()"))) {
            return RpcFixture.returns(prefixed("TUSD".getBytes(StandardCharsets.UTF_8)));
        }
        if (sel.equals(selector("balanceOf(address)"))) {
            return RpcFixture.returns(word(BigInteger.valueOf(10_000_000)));
        }
        if (sel.equals(selector("allowance(address,address)"))) {
            return RpcFixture.returns(word(allowed));
        }
        if (sel.equals(selector("increaseAllowance(address,uint256)"))) {
            return RpcFixture.returns(new byte[0]);
        }
        return null;
    }
}
