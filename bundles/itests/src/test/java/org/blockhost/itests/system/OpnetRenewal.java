package org.blockhost.itests.system;

import static org.blockhost.itests.system.OpnetServersPage.selector;
import static org.blockhost.itests.system.OpnetServersPage.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
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
 * "Renew" on the OPNet {@code /servers} page (issue #22), in the session of {@link OpnetServersPage} (connected, the
 * test OP_WALLET injected, the plans of {@link OpnetBuyPage#contracts} on the node, a balance of 10 TUSD): 10 days of
 * subscription #1 (plan 1, 1.50 TUSD a day) cost 15.00 TUSD, refused before anything is signed with what to add; 5 days
 * cost 7.50 TUSD: the page shows each step with a progress bar, sends the approval of exactly the total and, once the
 * OP20 double shows the allowance (a block holds it), {@code extendSubscription(1, 5, total)};
 * the fixture decodes both broadcasts. Screenshots while waiting for the approval's block and after, light and dark,
 * axe-core.
 */
final class OpnetRenewal {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger TOTAL = BigInteger.valueOf(7_500_000);
    private final String subs;
    private final AtomicReference<BigInteger> allowance;

    OpnetRenewal(String subs, AtomicReference<BigInteger> allowance) {
        this.subs = subs;
        this.allowance = allowance;
    }

    void check(Browser browser, RpcFixture node, List<String> violations) throws Exception {
        ChromeDriver driver = browser.driver();
        allowance.set(BigInteger.ZERO);
        WebElement days = driver.findElement(By.id("renew-days-1"));
        WebElement renew = driver.findElement(By.xpath("//section[@data-token='1']//button[normalize-space()='Renew']"));
        OpnetServersPage.fund(driver, node);
        int before = node.interactions.size();
        days.clear();
        days.sendKeys("10");
        browser.awaitPageText("Total: 15.00 TUSD", 10);
        renew.click();
        browser.awaitPageText("Your wallet holds 10.00 TUSD; this renewal needs 15.00 TUSD. Add 5.00 TUSD to your OPNet account", 30);
        EngineSwap.look(browser, "opnet-servers-renew-refused", violations);
        assertEquals(before, node.interactions.size(), "nothing signed for a renewal the wallet cannot pay");
        assertEquals(Boolean.TRUE, driver.executeScript("return document.querySelector('section[data-token=\"1\"] progress').hidden"),
                "no progress bar once nothing is under way");
        days.clear();
        days.sendKeys("5");
        browser.awaitPageText("Total: 7.50 TUSD", 10);
        renew.click();
        browser.awaitPageText("Step 1 of 2: approval sent in", 60);
        assertEquals("3", String.valueOf(driver.executeScript(
                "return document.querySelector('section[data-token=\"1\"] progress').value")), "the progress bar at the approval's block");
        OpnetServersPage.broadcast(driver, node);
        assertTrue(HEX.formatHex(node.interactions.get(before)).endsWith(selector("increaseAllowance(address,uint256)") + subs
                + HEX.formatHex(word(TOTAL))), "the approval: exactly the total to the subscriptions contract");
        EngineSwap.look(browser, "opnet-servers-renewing", violations);
        allowance.set(TOTAL); // a block holds the approval
        String text = browser.awaitPageText("Renewed in ", 60);
        assertTrue(text.contains("for 5 days. The new expiry shows here once a block holds it"), text);
        OpnetServersPage.broadcast(driver, node);
        String extend = selector("extendSubscription(uint256,uint64,uint256)") + HEX.formatHex(word(BigInteger.ONE))
                + "0000000000000005" + HEX.formatHex(word(TOTAL));
        assertTrue(HEX.formatHex(node.interactions.get(before + 1)).endsWith(extend), "extendSubscription(1, 5, total)");
        String calls = String.valueOf(driver.executeScript("return window.__bhOpnetCalls.join(',')"));
        assertEquals(3, Arrays.stream(calls.split(",")).filter("signAndBroadcastInteraction"::equals).count(),
                "re-key, approval, renewal: " + calls);
        EngineSwap.look(browser, "opnet-servers-renewed", violations);
        allowance.set(BigInteger.ZERO); // the renewal spent it
    }
}
