package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.blockhost.crypto.api.Secp256k1;
import org.blockhost.itests.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console pages in headless Chromium (part of {@link AdminConsoleSystemTest}): sign in with the
 * injected admin wallet, the overview shows the purchase, suspend and resume from the VMs page,
 * destroy stays off until the name is typed, the audit log shows the actions; another wallet is
 * refused. Every page at desktop and phone width, light and dark, with no serious axe violation.
 */
final class AdminConsoleBrowserChecks {
    private final DevStack dev;
    private final String vm;
    private final byte[] adminKey;
    private final List<String> violations = new ArrayList<>();

    AdminConsoleBrowserChecks(DevStack dev, String vm, byte[] adminKey) {
        this.dev = dev;
        this.vm = vm;
        this.adminKey = adminKey;
    }

    void run() throws Exception {
        String base = dev.field("httpsUrl");
        try (Browser browser = Browser.start()) {
            try {
                console(browser, base);
            } catch (AssertionError e) {
                browser.screenshots("admin-failure");
                throw new AssertionError(e.getMessage() + " at " + browser.driver().getCurrentUrl() + ":\n"
                        + text(browser, "body") + "\nconsole: " + browser.driver().manage().logs().get("browser").getAll(), e);
            }
        }
        refusedWallet(base);
        assertEquals(List.of(), violations, "serious or critical axe-core violations");
    }

    private void console(Browser browser, String base) throws Exception {
        {
            browser.injectWallet(adminKey, 31337);
            var driver = browser.driver();
            driver.get(base + "/admin/");
            signIn(browser, adminKey, "Signed in as 0x");
            driver.findElement(By.id("open-console")).click();
            await("the overview shows the purchase", () -> text(browser, "main").contains("VMs running")
                    && !driver.findElements(By.cssSelector(".bh-tile dd")).isEmpty()
                    && driver.findElements(By.cssSelector(".bh-tile dd")).get(0).getText().matches("[1-9][0-9]*"));
            assertTrue(text(browser, "main").contains("evm") && text(browser, "main").contains("libvirt"), text(browser, "main"));
            await("the charts drew revenue and a sample", () -> text(browser, "#chart-host-summary").matches("Now: CPU \\(load\\) [0-9]+ %, Memory [0-9]+ %, Disk [0-9]+ %\\.")
                    && text(browser, "#chart-vms-summary").matches("Now: Running [1-9][0-9]*, .*")
                    && driver.findElements(By.cssSelector(".bh-chart canvas")).size() == 3
                    && text(browser, "#chart-revenue-summary").matches("Last 14 days: [1-9][0-9]*\\.[0-9]{2} TUSD in total, .*"));
            check(browser, "admin-overview");
            driver.executeScript("document.getElementById('h-trends').scrollIntoView()");
            browser.screenshots("admin-overview-charts");
            driver.executeScript("window.scrollTo(0, 0)");

            driver.get(base + "/admin/vms");
            await("the VM table with resource use", () -> text(browser, "tbody").contains(vm) && row(browser).contains("MiB"));
            check(browser, "admin-vms");
            focusSurvivesRedraws(browser);
            act(browser, "suspend", true);
            await("suspended", () -> row(browser).contains("suspended"));
            assertTrue(text(browser, "#toasts").contains("suspended"), text(browser, "#toasts"));
            act(browser, "resume", false);
            await("resumed", () -> row(browser).contains("active"));

            manage(browser).findElement(By.cssSelector("button[value=destroy]")).click();
            WebElement dialog = await("the destroy dialog", () -> driver.findElements(By.cssSelector("dialog[open]")).size() == 1)
                    ? driver.findElement(By.cssSelector("dialog[open]")) : null;
            WebElement confirm = dialog.findElement(By.cssSelector("button[value=confirm]"));
            assertFalse(confirm.isEnabled(), "destroy is off before the name is typed");
            dialog.findElement(By.tagName("input")).sendKeys(vm.substring(0, vm.length() - 1));
            assertFalse(confirm.isEnabled(), "destroy is off for a name that does not match");
            check(browser, "admin-vms-destroy-dialog");
            dialog.findElement(By.cssSelector("button[value=cancel]")).click();
            assertTrue(row(browser).contains("active"), "nothing was destroyed");
            warmPool(browser);

            driver.get(base + "/admin/pipeline");
            await("the parked purchase", () -> text(browser, "tbody").contains("unknown plan 2"));
            check(browser, "admin-pipeline");
            driver.findElement(By.cssSelector("button[aria-label^='Retry subscription']")).click();
            await("the retried purchase runs", () -> text(browser, "tbody").contains("nothing is in the pipeline"));
            assertTrue(text(browser, "#toasts").contains("queued for another try"), text(browser, "#toasts"));

            driver.get(base + "/admin/plugins");
            await("the plugins page", () -> text(browser, "tbody").contains("libvirt") && text(browser, "tbody").contains("evm"));
            assertTrue(text(browser, "main").contains(dev.home().resolve("plugins").toString()), "names the plugins folder");
            check(browser, "admin-plugins");

            driver.get(base + "/admin/wallet");
            await("the wallet page", () -> text(browser, "main").contains("(pays gas)"));
            assertTrue(text(browser, "main").toLowerCase(java.util.Locale.ROOT).contains(
                    dev.field("hostWallet").substring(0, 6).toLowerCase(java.util.Locale.ROOT)), text(browser, "main"));
            check(browser, "admin-wallet");
            driver.findElement(By.id("send-to")).sendKeys("0x" + "34".repeat(20));
            driver.findElement(By.id("send-amount")).sendKeys("0.02");
            driver.findElement(By.cssSelector("#send-form button[type=submit]")).click();
            await("the typed confirmation", () -> driver.findElements(By.cssSelector("dialog[open] input")).size() == 1);
            WebElement send = driver.findElement(By.cssSelector("dialog[open] button[value=confirm]"));
            assertFalse(send.isEnabled(), "send stays off until the amount is typed");
            driver.findElement(By.cssSelector("dialog[open] input")).sendKeys("0.02");
            send.click();
            await("the transfer confirmed", () -> text(browser, "#transactions").contains("confirmed"));
            check(browser, "admin-wallet-sent");
            funds(browser);

            plans(browser, base);
            settings(browser, base);

            driver.get(base + "/admin/audit");
            await("the audit log", () -> text(browser, "tbody").contains("admin.vm.suspend")
                    && text(browser, "tbody").contains("admin.vm.resume") && text(browser, "tbody").contains("admin.plan.price"));
            check(browser, "admin-audit");
        }
    }

    /** The fund manager panel: a dry run lists what a run would do, run now needs "run" typed, then the last run shows. */
    private void funds(Browser browser) throws Exception {
        var driver = browser.driver();
        await("the fund manager panel", () -> text(browser, "#funds").contains("Revenue shares"));
        // the send's toast sits over the panel's buttons for a few seconds, as it would for a person
        await("the last toast to go", () -> driver.findElements(By.cssSelector("#toasts .bh-toast")).isEmpty());
        driver.findElement(By.xpath("//section[@id='funds']//button[text()='Dry run']")).click();
        await("the dry run", () -> text(browser, "#funds-dry-run").contains("host gas"));
        driver.findElement(By.xpath("//section[@id='funds']//button[starts-with(text(),'Run now')]")).click();
        await("the typed confirmation", () -> driver.findElements(By.cssSelector("dialog[open] input")).size() == 1);
        WebElement run = driver.findElement(By.cssSelector("dialog[open] button[value=confirm]"));
        assertFalse(run.isEnabled(), "run stays off until run is typed");
        driver.findElement(By.cssSelector("dialog[open] input")).sendKeys("run");
        run.click();
        await("the run's outcome", () -> text(browser, "#funds").contains("Last run"));
        assertFalse(text(browser, "#funds").contains("smallest unit"), "amounts with their decimals and symbol (UI.md)");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('funds').scrollIntoView()");
        check(browser, "admin-wallet-funds");
    }

    /**
     * Plans: a price with too many decimals is refused inline; a valid one is prepared by the host
     * and sent by the signed-in admin wallet (the contracts' owner after setup). anvil sends for the
     * admin address (impersonated, funded): the test wallet forwards eth_sendTransaction to the node.
     */
    private void plans(Browser browser, String base) throws Exception {
        var driver = browser.driver();
        driver.get(base + "/admin/plans");
        await("the plans table", () -> text(browser, "tbody").contains("standard") && text(browser, "tbody").contains("USD / day"));
        check(browser, "admin-plans");
        driver.findElement(By.cssSelector("button[aria-label='Change the price of standard']")).click();
        await("the price dialog", () -> driver.findElements(By.id("plan-price")).size() == 1);
        WebElement price = driver.findElement(By.id("plan-price"));
        price.clear();
        price.sendKeys("3.255");
        driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        await("the inline refusal", () -> text(browser, "#plan-form-error").contains("at most 2 decimals"));
        check(browser, "admin-plans-price-dialog");
        price.clear();
        price.sendKeys("3.25");
        driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        await("the wallet explanation", () -> text(browser, "dialog[open]").contains("owner wallet"));
        impersonateAdmin(true);
        driver.findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();
        assertTrue(browser.serveUntil(adminKey, dev.field("rpcUrl"), Duration.ofSeconds(60),
                () -> text(browser, "tbody").contains("3.25 USD / day") && text(browser, "#transactions").contains("confirmed")),
                "the wallet's transaction changed the price: " + text(browser, "main"));
        impersonateAdmin(false);
        check(browser, "admin-plans-sent");
    }

    /**
     * The VM table redraws when its data change (resource use: every refresh); focus on a Manage
     * button stays on that button across a redraw.
     */
    private void focusSurvivesRedraws(Browser browser) throws Exception {
        var driver = browser.driver();
        String rows = "[aria-label='Virtual machines'] tbody tr";
        driver.executeScript("document.querySelector(\"button[data-vm='" + vm + "']\").focus();"
                + "document.querySelectorAll(\"" + rows + "\").forEach((r) => { r.__old = true; });");
        await("a redraw of the table", () -> Boolean.TRUE.equals(driver.executeScript(
                "return [...document.querySelectorAll(\"" + rows + "\")].every((r) => !r.__old);")));
        assertEquals(vm, driver.executeScript("return document.activeElement.getAttribute('data-vm');"),
                "focus stays on the Manage button");
    }

    /**
     * The warm pool under the VMs: off (the empty state says how to turn it on), then plan 1 with one
     * VM (core's {@code .cfg} written into the dev home, checked every second) shown ready with its
     * template; the {@code .cfg} is removed again so the pool VM goes away.
     */
    private void warmPool(Browser browser) throws Exception {
        await("the pool's empty state", () -> text(browser, "#h-pool + p + p + div").contains("No warm pool"));
        java.nio.file.Path etc = dev.home().resolve("etc");
        java.nio.file.Files.createDirectories(etc);
        java.nio.file.Path part = etc.resolve(".pool.part");
        java.nio.file.Files.writeString(part, "sizes=1:1\ncheckSeconds=1\n");
        java.nio.file.Path cfg = etc.resolve("org.blockhost.core.pool.cfg");
        java.nio.file.Files.move(part, cfg, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        String pool = "[aria-label='Warm pool per plan'] tbody tr";
        await("plan 1's pool VM ready", () -> browser.driver().findElements(By.cssSelector(pool)).stream()
                .map(WebElement::getText).anyMatch(t -> t.matches("1 1 1 0 0 0 0 .* ago .*")));
        String row = browser.driver().findElement(By.cssSelector(pool)).getText();
        assertTrue(row.contains("debian") || row.contains("unknown"), "the template column: " + row);
        browser.driver().executeScript("document.getElementById('h-pool').scrollIntoView()");
        check(browser, "admin-vms-pool");
        phoneShot(browser, "h-pool", "admin-vms-pool-phone-scrolled.png");
        browser.driver().executeScript("window.scrollTo(0, 0)");
        java.nio.file.Files.delete(cfg);
    }

    /**
     * Settings: a bad port refused inline; a knock from the signed-in admin wallet (anvil sends for the
     * impersonated admin address), carried out by core once final (dev's firewall is a dry run: the record).
     */
    private void settings(Browser browser, String base) throws Exception {
        var driver = browser.driver();
        driver.get(base + "/admin/settings");
        await("the settings page", () -> driver.findElements(By.cssSelector("#knock-ports input")).size() == 2);
        assertEquals("127.0.0.1", driver.findElement(By.id("knock-source")).getAttribute("value"), "the browser's address");
        await("the certificate", () -> text(browser, "#tls-fingerprint").equals(dev.field("tlsFingerprint")));
        check(browser, "admin-settings");
        WebElement ports = driver.findElement(By.id("ac-ports"));
        ports.clear();
        ports.sendKeys("22,0");
        driver.findElement(By.cssSelector("#ac-form button[type=submit]")).click();
        await("the inline refusal", () -> text(browser, "#ac-ports-error").contains("not a port"));
        check(browser, "admin-settings-refused");
        driver.navigate().refresh();
        await("the settings page again", () -> driver.findElements(By.cssSelector("#knock-ports input")).size() == 2);
        assertEquals("22,2222", driver.findElement(By.id("ac-ports")).getAttribute("value"), "nothing changed");
        impersonateAdmin(true);
        driver.findElement(By.cssSelector("#knock-form button[type=submit]")).click();
        await("the wallet explanation", () -> text(browser, "dialog[open]").contains("only this host can read it"));
        driver.findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();
        assertTrue(browser.serveUntil(adminKey, dev.field("rpcUrl"), Duration.ofSeconds(60),
                () -> text(browser, "#knock-status").contains("Sent")), "the wallet sent the knock: " + text(browser, "main"));
        impersonateAdmin(false);
        rpc("anvil_mine", "\"0x46\""); // 70 blocks: below anvil's finalized block (head - 64)
        await("the host carried it out", () -> text(browser, "#knock-status").contains("done")
                && text(browser, "tbody").contains("opened tcp [22] for 127.0.0.1"));
        check(browser, "admin-settings-knock-done");
        driver.executeScript("document.getElementById('tls').scrollIntoView()");
        browser.screenshots("admin-settings-records");
        driver.executeScript("window.scrollTo(0, 0)");
        driver.manage().window().setSize(Browser.PHONE);
        assertEquals(Boolean.TRUE, driver.executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"),
                "no horizontal scrolling at phone width");
        driver.manage().window().setSize(Browser.DESKTOP);
    }

    /**
     * The settings page replaces the certificate: a key of another certificate is refused with the
     * server's sentence (the details unchanged), then the right pair is served and its details shown.
     */
    void replaceCertificate(java.nio.file.Path chain, java.nio.file.Path key, java.nio.file.Path otherKey, String expected)
            throws Exception {
        String base = dev.field("httpsUrl");
        try (Browser browser = Browser.start()) {
            browser.injectWallet(adminKey, 31337);
            var driver = browser.driver();
            driver.get(base + "/admin/");
            signIn(browser, adminKey, "Signed in as 0x");
            driver.get(base + "/admin/settings");
            await("the certificate", () -> text(browser, "#tls-fingerprint").equals(dev.field("tlsFingerprint")));
            driver.findElement(By.id("tls-chain")).sendKeys(chain.toString());
            driver.findElement(By.id("tls-key")).sendKeys(otherKey.toString());
            driver.findElement(By.cssSelector("#tls-form button[type=submit]")).click();
            await("the refusal", () -> text(browser, "#tls-error").contains("does not belong to the certificate"));
            assertEquals(dev.field("tlsFingerprint"), text(browser, "#tls-fingerprint"), "nothing changed");
            driver.executeScript("document.getElementById('tls-form').scrollIntoView()");
            check(browser, "admin-settings-tls-refused");
            phoneShot(browser, "tls-error", "admin-settings-tls-refused-form-phone.png");
            driver.findElement(By.id("tls-key")).clear();
            driver.findElement(By.id("tls-key")).sendKeys(key.toString());
            driver.findElement(By.cssSelector("#tls-form button[type=submit]")).click();
            await("the new certificate's details", () -> text(browser, "#tls-fingerprint").equals(expected));
            assertEquals("", text(browser, "#tls-error"));
            driver.executeScript("document.getElementById('tls').scrollIntoView()");
            check(browser, "admin-settings-tls-replaced");
        }
        assertEquals(List.of(), violations, "serious or critical axe-core violations");
    }

    /** A phone-width screenshot with the element in view (the harness's shots keep the desktop scroll). */
    private static void phoneShot(Browser browser, String id, String file) throws Exception {
        var driver = browser.driver();
        driver.manage().window().setSize(Browser.PHONE);
        driver.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
        java.nio.file.Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                java.nio.file.Path.of("target", "screenshots", file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(Browser.DESKTOP);
    }

    /** anvil sends for the admin address (funded) while on: the test wallet forwards eth_sendTransaction to it. */
    private void impersonateAdmin(boolean on) throws Exception {
        String admin = "\"" + dev.field("adminWallet") + "\"";
        if (on) {
            rpc("anvil_impersonateAccount", admin);
            rpc("anvil_setBalance", admin + ",\"0x56bc75e2d63100000\"");
        } else {
            rpc("anvil_stopImpersonatingAccount", admin);
        }
    }

    private void rpc(String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(dev.field("rpcUrl"))).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertFalse(r.body().contains("\"error\""), method + ": " + r.body());
    }

    private void refusedWallet(String base) throws Exception {
        try (Browser other = Browser.start()) {
            byte[] key = Secp256k1.generatePrivateKey();
            other.injectWallet(key, 31337);
            other.driver().get(base + "/admin/");
            signIn(other, key, "This wallet does not hold the admin credential");
            check(other, "admin-signin-refused");
        }
    }

    private void signIn(Browser browser, byte[] key, String expected) throws Exception {
        browser.driver().findElement(By.id("signin")).click();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < end && !status.startsWith(expected)) {
            browser.signPending(key);
            status = browser.driver().findElement(By.id("status")).getText();
            Thread.sleep(200);
        }
        assertTrue(status.startsWith(expected), status);
    }

    private WebElement manage(Browser browser) throws Exception {
        browser.driver().findElement(By.cssSelector("button[data-vm='" + vm + "']")).click();
        await("the manage dialog", () -> browser.driver().findElements(By.cssSelector("dialog[open]")).size() == 1);
        return browser.driver().findElement(By.cssSelector("dialog[open]"));
    }

    private void act(Browser browser, String action, boolean confirm) throws Exception {
        manage(browser).findElement(By.cssSelector("button[value=" + action + "]")).click();
        if (confirm) {
            await("the " + action + " dialog", () -> browser.driver().findElements(By.cssSelector("dialog[open] button[value=confirm]")).size() == 1);
            if ("suspend".equals(action)) {
                check(browser, "admin-vms-suspend-dialog");
            }
            browser.driver().findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();
        }
    }

    private String row(Browser browser) {
        return browser.driver().findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.contains(vm)).findFirst().orElse("");
    }

    private static String text(Browser browser, String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).reduce("", String::concat);
    }

    private static boolean await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.get()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // the page is redrawing; look again
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Screenshots light and dark at both widths, axe-core in both themes. */
    private void check(Browser browser, String name) throws Exception {
        browser.screenshots(name);
        browser.seriousViolations().forEach(v -> violations.add(name + ": " + v));
        browser.darkMode(true);
        browser.screenshots(name + "-dark");
        browser.seriousViolations().forEach(v -> violations.add(name + " (dark): " + v));
        browser.darkMode(false);
    }
}
