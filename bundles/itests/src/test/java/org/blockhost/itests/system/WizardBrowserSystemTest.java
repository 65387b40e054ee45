package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.itests.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code blockhost dev --wizard} set up in headless Chromium: first {@code /} with no engine yet (the platform's
 * "not selling servers yet" page), then the printed setup code, the network
 * page and its interface sub-page (a bad address inline, then the plan: dev applies nothing), the admin
 * wallet page (the injected test wallet listed, a declined signature saves nothing, then EIP-4361
 * sign-in), the chain page, plans (bad input first: inline message, nothing saved), the libvirt
 * page, the Proxmox VE page against the PVE double ({@link ProxmoxWizardChecks}; its bundle dropped in
 * and removed again), the summary, then the finish page: the run stops for the admin access key (a bad one pasted
 * by hand first), the wallet page signs the access-key message and derives the key in the browser,
 * the run resumes, and the page turns to "done" by itself; token #0 opens with the admin wallet's
 * own derivation. Then {@code /ready} is 200, {@code /setup/} is 404 and {@code /} is the EVM buy page. Screenshots (desktop, phone, and
 * dark for the installer's pages) and axe-core on every page.
 */
class WizardBrowserSystemTest {
    private static final Duration FINISH = Duration.ofSeconds(240);

    @TempDir
    Path tmp;

    @Test
    void theWizardSetsUpAFreshDevHostFromTheSetupCodeToDone() throws Exception {
        Path out = tmp.resolve("dev.out");
        try (DevStack dev = DevStack.start(tmp.resolve("home"), out, "--wizard"); Browser browser = Browser.start()) {
            assertTrue(dev.devJson().contains("\"wizard\": true") || dev.devJson().contains("\"wizard\":true"), dev.devJson());
            String base = dev.field("httpsUrl");
            HttpClient https = AdminSignInSystemTest.pinnedClient(base, dev.field("tlsFingerprint"));
            assertEquals(503, status(HttpClient.newHttpClient(), dev.field("httpUrl") + "/ready"), "not set up yet");
            List<String> violations = new ArrayList<>();
            var driver = browser.driver();
            byte[] adminKey = Hex.decode(Files.readString(Path.of(dev.field("adminKeyFile"))).trim());
            browser.injectWallet(adminKey, 31337);

            driver.get(base + "/"); // no engine yet: the platform's page, not a bare 404
            browser.awaitPageText("No servers for sale here yet", 20);
            check(browser, "public-not-selling", violations, true);

            long start = System.nanoTime();
            driver.get(base + "/setup/");
            driver.findElement(By.id("code")).sendKeys(printedCode(out));
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPageText("Set up this host", 20);
            adminWallet(browser, dev, adminKey, violations);
            network(browser, dev, violations);
            storage(browser, dev, violations);

            driver.get(base + "/setup/evm-chain");
            driver.findElement(By.name("rpcUrl")).sendKeys(dev.field("rpcUrl"));
            driver.findElement(By.name("chainId")).sendKeys("31337");
            driver.findElement(By.name("hostKeyFile")).sendKeys(dev.home().resolve("etc/keys/evm-host.key").toString());
            driver.findElement(By.cssSelector("form button")).click();
            browser.awaitPageText("Saved.", 20);
            browser.screenshots("wizard-chain"); // restyled by its owner; not axe-checked here

            plansAndAdmin(browser, dev, violations);
            driver.get(base + "/setup/libvirt");
            check(browser, "wizard-libvirt", violations, false);
            ProxmoxWizardChecks.check(browser, dev, tmp, violations);
            ipv6(browser, dev, violations);
            adminCommands(browser, dev, violations);

            driver.get(base + "/setup/summary");
            String summary = driver.getPageSource();
            assertTrue(summary.contains("basic 1.00 USD / day, standard 2.00 USD / day") && summary.contains(dev.field("adminWallet"))
                    && summary.contains("Virtual machines (libvirt)") && summary.contains("href=\"/setup/evm-admin\"")
                    && summary.contains("Public host name or address") && summary.contains("href=\"/setup/network\"")
                    && summary.contains("IPv6 for VMs") && summary.contains("href=\"/setup/ipv6\"")
                    && summary.contains("href=\"/setup/storage\""), summary);
            check(browser, "wizard-summary", violations, true);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();

            accessKey(browser, dev, adminKey, violations);
            await("the page turns to done by itself", FINISH,
                    () -> driver.findElement(By.id("done")).isDisplayed() || failedStep(driver));
            assertFalse(failedStep(driver), driver.getPageSource());
            assertTrue(driver.findElement(By.id("done")).getText().contains(dev.field("tlsFingerprint")));
            System.out.printf("wizard: %d s from the setup code to done in the browser (with the test's screenshots, axe"
                    + " runs, bad-input and retry detours)%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
            printStepDurations(dev);
            check(browser, "wizard-done", violations, true);

            await("/ready 200", Duration.ofSeconds(60), () -> status(HttpClient.newHttpClient(), dev.field("httpUrl") + "/ready") == 200);
            await("/setup/ 404", Duration.ofSeconds(30), () -> status(https, base + "/setup/") == 404);
            await("/ is the EVM buy page", Duration.ofSeconds(30), () -> { // the engine's page shadows the platform's
                driver.get(base + "/");
                return driver.getPageSource().contains("Buy a server");
            });
            Path devJson = dev.home().resolve("dev.json");
            await("dev.json with the contracts", Duration.ofSeconds(30), () -> read(devJson).contains("\"wizard\": false")
                    && Pattern.compile("\"credential\": \"0x[0-9a-fA-F]{40}\"").matcher(read(devJson)).find());
            assertAdminCredentialOpensWith(dev, adminKey);
            assertEquals(List.of(), violations, "serious or critical axe-core violations");
        }
    }

    /** The public host: a bad one is refused inline and nothing is saved; localhost is accepted in dev mode. */
    private static void network(Browser browser, DevStack dev, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/network");
        assertTrue(driver.findElement(By.cssSelector(".bh-steps [aria-current=step]")).getText().contains("Network"));
        assertTrue(driver.getPageSource().contains("changes nothing on this machine"), driver.getPageSource());
        driver.findElement(By.id("publicHost")).sendKeys("bad host!");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the inline error", Duration.ofSeconds(10), () -> !driver.findElements(By.id("publicHost-error")).isEmpty());
        assertTrue(driver.findElement(By.id("publicHost-error")).getText().contains("not a DNS name"), driver.getPageSource());
        check(browser, "wizard-network-error", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/network");
        assertEquals("", driver.findElement(By.id("publicHost")).getAttribute("value"), "nothing was saved");
        driver.findElement(By.id("publicHost")).sendKeys("localhost");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("Saved.", 20);
        check(browser, "wizard-network", violations, true);
        driver.findElement(By.linkText("Choose DHCP or a static address for an interface")).click();
        browser.awaitPageText("id=\"gateway\"", 20);
        driver.findElement(By.id("address")).sendKeys("192.0.2.300");
        driver.findElement(By.id("prefix")).sendKeys("24");
        driver.findElement(By.id("gateway")).sendKeys("192.0.2.1");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("id=\"address-error\"", 20);
        check(browser, "wizard-interface-error", violations, true);
        WebElement address = driver.findElement(By.id("address"));
        address.clear();
        address.sendKeys("192.0.2.10");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("id=\"outcome\"", 20);
        assertTrue(driver.findElement(By.id("outcome")).getText().startsWith("Plan (dev mode, nothing changed): ")
                && driver.getPageSource().contains("static 192.0.2.10/24, gateway 192.0.2.1"), driver.getPageSource());
        check(browser, "wizard-interface-plan", violations, true);
        driver.findElement(By.cssSelector("input[name=mode][value=dhcp]")).click();
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("from DHCP", 20);
        assertTrue(driver.findElement(By.id("outcome")).getText().contains("address, gateway and DNS from DHCP"),
                driver.getPageSource());
        check(browser, "wizard-interface-dhcp-plan", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/network/bridge");
        WebElement bridge = driver.findElement(By.id("bridge"));
        bridge.clear();
        bridge.sendKeys("eth0;reboot");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("id=\"bridge-error\"", 20);
        check(browser, "wizard-bridge-error", violations, true);
        bridge = driver.findElement(By.id("bridge"));
        bridge.clear();
        bridge.sendKeys("br0");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("id=\"outcome\"", 20);
        assertTrue(driver.findElement(By.id("outcome")).getText().startsWith("Plan (dev mode, nothing changed): new bridge br0"),
                driver.getPageSource());
        check(browser, "wizard-bridge-plan", violations, true);
    }

    /** Storage: a missing directory is refused inline and nothing is saved; the dev home's VM directory is saved. */
    private static void storage(Browser browser, DevStack dev, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/storage");
        String configured = driver.findElement(By.id("vmDir")).getAttribute("value");
        assertEquals(dev.home().resolve("agent/var/lib/blockhost/vms").toString(), configured, "the configured directory");
        assertTrue(driver.findElement(By.id("free")).getText().endsWith("GiB"), driver.getPageSource());
        driver.findElement(By.id("vmDir")).clear();
        driver.findElement(By.id("vmDir")).sendKeys(dev.home().resolve("no-such-dir").toString());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the inline error", Duration.ofSeconds(10), () -> !driver.findElements(By.id("vmDir-error")).isEmpty());
        assertTrue(driver.findElement(By.id("vmDir-error")).getText().contains("does not exist"), driver.getPageSource());
        check(browser, "wizard-storage-error", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/storage");
        assertEquals(configured, driver.findElement(By.id("vmDir")).getAttribute("value"), "nothing was saved");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("Saved.", 20);
        check(browser, "wizard-storage", violations, true);
    }

    /** IPv6: a bad prefix is refused inline and nothing is saved; a good one is saved; then "none" again (dev has no route). */
    private static void ipv6(Browser browser, DevStack dev, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/ipv6");
        assertTrue(driver.findElement(By.cssSelector("input[name=mode][value=none]")).isSelected());
        driver.findElement(By.cssSelector("input[name=mode][value=manual]")).click();
        driver.findElement(By.id("prefix")).sendKeys("2001:db8:1::1/64");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the inline error", Duration.ofSeconds(10), () -> !driver.findElements(By.id("prefix-error")).isEmpty());
        assertTrue(driver.findElement(By.id("prefix-error")).getText().contains("host bits zero"), driver.getPageSource());
        check(browser, "wizard-ipv6-error", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/ipv6");
        assertTrue(driver.findElement(By.cssSelector("input[name=mode][value=none]")).isSelected(), "nothing was saved");
        driver.findElement(By.cssSelector("input[name=mode][value=manual]")).click();
        driver.findElement(By.id("prefix")).sendKeys("2001:db8:1::/64");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("Saved.", 20);
        check(browser, "wizard-ipv6", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/summary");
        assertTrue(driver.getPageSource().contains("2001:db8:1::/64"), driver.getPageSource());
        driver.get(dev.field("httpsUrl") + "/setup/ipv6");
        driver.findElement(By.cssSelector("input[name=mode][value=none]")).click();
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("Saved.", 20);
    }

    /** Admin commands: bad ports and duration refused inline and nothing saved; then good values saved. */
    private static void adminCommands(Browser browser, DevStack dev, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/admin-commands");
        assertTrue(driver.findElement(By.cssSelector("input[name=enabled][value=on]")).isSelected(), "on by default");
        assertEquals("22", driver.findElement(By.id("ports")).getAttribute("value"));
        driver.findElement(By.id("ports")).clear();
        driver.findElement(By.id("ports")).sendKeys("22,0");
        driver.findElement(By.id("maxTtl")).clear();
        driver.findElement(By.id("maxTtl")).sendKeys("7200");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the inline errors", Duration.ofSeconds(10), () -> !driver.findElements(By.id("maxTtl-error")).isEmpty());
        assertTrue(driver.findElement(By.id("ports-error")).getText().contains("not a port"), driver.getPageSource());
        assertTrue(driver.findElement(By.id("maxTtl-error")).getText().contains("1 to 3600"), driver.getPageSource());
        check(browser, "wizard-admin-commands-error", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/admin-commands");
        assertEquals("22", driver.findElement(By.id("ports")).getAttribute("value"), "nothing was saved");
        driver.findElement(By.id("ports")).clear();
        driver.findElement(By.id("ports")).sendKeys("22,8443");
        driver.findElement(By.id("maxTtl")).clear();
        driver.findElement(By.id("maxTtl")).sendKeys("600");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitPageText("Saved.", 20);
        check(browser, "wizard-admin-commands", violations, true);
        driver.get(dev.field("httpsUrl") + "/setup/admin-commands");
        assertEquals("22,8443", driver.findElement(By.id("ports")).getAttribute("value"), "saved");
    }

    /** Bad plans: an inline message and nothing saved; then good plans are saved. */
    private static void plansAndAdmin(Browser browser, DevStack dev, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/evm-admin");
        driver.findElement(By.id("plans")).sendKeys("basic");
        driver.findElement(By.cssSelector("form button")).click();
        browser.awaitPageText("id=\"plans-error\"", 20);
        assertTrue(driver.findElement(By.id("plans-error")).getText().contains("name:centsPerDay"), driver.getPageSource());
        check(browser, "wizard-admin-errors", violations, false);
        driver.get(dev.field("httpsUrl") + "/setup/evm-admin");
        assertEquals("", driver.findElement(By.id("plans")).getAttribute("value"), "nothing was saved");
        driver.findElement(By.id("plans")).sendKeys("basic:100,standard:200");
        driver.findElement(By.cssSelector("form button")).click();
        browser.awaitPageText("Saved.", 20);
        check(browser, "wizard-admin", violations, false);
    }

    /**
     * The admin wallet page lists the announced test wallet; a declined signature saves nothing;
     * the EIP-4361 sign-in saves the wallet's address.
     */
    private static void adminWallet(Browser browser, DevStack dev, byte[] adminKey, List<String> violations) throws Exception {
        var driver = browser.driver();
        driver.get(dev.field("httpsUrl") + "/setup/evm-wallet");
        await("the wallet list", Duration.ofSeconds(10), () -> driver.findElement(By.id("wallet-choices")).isDisplayed());
        assertTrue(driver.findElement(By.id("wallet-list")).getText().contains("BlockHost test wallet"), driver.getPageSource());
        check(browser, "wizard-admin-wallet", violations, true);
        driver.findElement(By.id("signin")).click();
        await("the sign-in request", Duration.ofSeconds(10), () -> browser.declinePending() > 0);
        await("the declined message", Duration.ofSeconds(10),
                () -> driver.findElement(By.id("wallet-status")).getText().contains("You declined"));
        check(browser, "wizard-admin-wallet-declined", violations, false);
        driver.get(dev.field("httpsUrl") + "/setup/evm-wallet");
        assertFalse(driver.getPageSource().contains("Saved: the admin wallet is"), "nothing was saved");
        await("the wallet list", Duration.ofSeconds(10), () -> driver.findElement(By.id("wallet-choices")).isDisplayed());
        driver.findElement(By.id("signin")).click();
        assertTrue(browser.serveUntil(adminKey, null, Duration.ofSeconds(20),
                () -> driver.getPageSource().contains("Saved: the admin wallet is")), driver.getPageSource());
        assertTrue(driver.getPageSource().contains(dev.field("adminWallet")), driver.getPageSource());
        check(browser, "wizard-admin-wallet-saved", violations, true);
    }

    /**
     * The run stops for the admin access key: a bad key pasted by hand is refused inline; then the
     * wallet page signs the access-key message, derives the key in the browser and resumes the run.
     */
    private static void accessKey(Browser browser, DevStack dev, byte[] adminKey, List<String> violations) throws Exception {
        var driver = browser.driver();
        await("the access-key form", FINISH, () -> {
            if (driver.findElements(By.id("ak-message")).isEmpty()) {
                driver.navigate().refresh();
                return false;
            }
            return true;
        });
        String credential = published(dev, "evm.credentialAddress");
        String message = AccessKey.message("localhost", 31337, credential);
        assertEquals(message, driver.findElement(By.id("ak-message")).getText(), "the page shows the exact message");
        check(browser, "wizard-access-key", violations, true);
        retryStillAsksForTheKey(driver);
        driver.findElement(By.cssSelector("#ak-manual summary")).click();
        driver.findElement(By.id("ak-key")).sendKeys("04zz");
        driver.findElement(By.cssSelector("section form button")).click();
        browser.awaitPageText("id=\"ak-key-error\"", 20);
        assertTrue(driver.findElement(By.id("ak-key-error")).isDisplayed(), driver.getPageSource());
        check(browser, "wizard-access-key-error", violations, false);
        driver.findElement(By.id("ak-page")).click();
        browser.awaitPageText("id=\"key-message\"", 20);
        assertEquals(message, driver.findElement(By.id("key-message")).getText(), "the wallet page signs the exact message");
        await("the wallet list", Duration.ofSeconds(10), () -> driver.findElement(By.id("wallet-choices")).isDisplayed());
        check(browser, "wizard-admin-wallet-key", violations, true);
        driver.findElement(By.id("derive")).click();
        assertTrue(browser.serveUntil(adminKey, null, Duration.ofSeconds(30),
                () -> driver.getCurrentUrl().endsWith("/setup/finalization")), driver.getPageSource());
        check(browser, "wizard-finishing", violations, false);
    }

    /** Token #0 holds the admin credential sealed to the key the admin wallet derives from its own signature. */
    private static void assertAdminCredentialOpensWith(DevStack dev, byte[] adminKey) throws Exception {
        String credential = published(dev, "evm.credentialAddress");
        String call = "0x" + Hex.encode(Keccak.hash256("getCredentials(uint256)")).substring(0, 8) + "0".repeat(64);
        String out = dev.rpc("eth_call", "[{\"to\":\"" + credential + "\",\"data\":\"" + call + "\"},\"latest\"]")
                .replaceFirst("^0x", "");
        int length = Integer.parseInt(out.substring(64, 128), 16);
        byte[] sealed = Hex.decode(out.substring(128, 128 + 2 * length));
        byte[] plain = AccessKey.decrypt(PersonalSign.sign(adminKey, AccessKey.message("localhost", 31337, credential)), sealed);
        assertEquals("{\"v\":1,\"role\":\"admin\"}", new String(plain, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** "Retry this step" runs the failed step again: without the key it stops at the same place, asking again. */
    private static void retryStillAsksForTheKey(org.openqa.selenium.WebDriver driver) throws InterruptedException {
        driver.findElement(By.xpath("//input[@name='action' and @value='retry']/../button")).click();
        await("the retried step to stop again", FINISH, () -> {
            if (driver.findElements(By.id("ak-message")).isEmpty()) {
                driver.navigate().refresh();
                return false;
            }
            return true;
        });
        String row = driver.findElement(By.cssSelector("tr[data-step='evm.admin-credential']")).getText();
        assertTrue(row.contains("failed") && row.contains("evm.adminAccessKey"), row);
    }

    /** The finalization time of each step (README "Measure"). */
    private static void printStepDurations(DevStack dev) throws Exception {
        RuntimeProcess.CliResult r = RuntimeProcess.CliResult.run(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString(),
                "setup", "status", "--json", "--home", dev.home().toString()));
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\".*?\"durationMs\"\\s*:\\s*([0-9]+|null)",
                Pattern.DOTALL).matcher(r.output());
        assertTrue(r.exit() == 0 && r.output().contains("network.public-host"), r.output());
        while (m.find()) {
            System.out.printf("wizard step %-22s %s ms%n", m.group(1), m.group(2));
        }
    }

    /** The page offers a retry: a run stopped at a failed step (the script reloads the page when a run stops). */
    private static boolean failedStep(org.openqa.selenium.WebDriver driver) {
        return !driver.findElements(By.cssSelector("input[name=action][value=retry]")).isEmpty();
    }

    static void check(Browser browser, String name, List<String> violations, boolean dark) throws Exception {
        browser.screenshots(name);
        if (dark) {
            browser.darkScreenshots(name);
        }
        browser.seriousViolations().forEach(v -> violations.add(name + ": " + v));
    }

    private static String printedCode(Path out) throws Exception {
        Matcher m = Pattern.compile("setup code: ([A-Z0-9]{6})").matcher(Files.readString(out));
        String code = null;
        while (m.find()) {
            code = m.group(1); // the last one printed is the valid one
        }
        assertTrue(code != null, "blockhost dev --wizard prints the setup code:\n" + Files.readString(out));
        return code;
    }

    private static String published(DevStack dev, String key) throws Exception {
        RuntimeProcess.CliResult r = RuntimeProcess.CliResult.run(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString(),
                "setup", "status", "--json", "--home", dev.home().toString()));
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.output());
        assertTrue(m.find(), r.output());
        return m.group(1);
    }

    private static String read(Path file) {
        try {
            return DevStack.read(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int status(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(1000);
        }
    }
}
