package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.crypto.api.Hex;
import org.blockhost.itests.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The pages in headless Chromium on {@code blockhost dev} over HTTPS (certificate pinned to
 * dev.json): the setup code form, the step bar and the libvirt page (setup reopened with a code
 * from the CLI), the admin sign-in with the injected test wallet holding token #0, the error page.
 * Each page: screenshots at desktop and phone width, no serious or critical axe-core violation,
 * its transferred size printed.
 */
class BrowserPagesSystemTest {
    @TempDir
    Path tmp;

    @Test
    void pagesPassAxeAndTheAdminSignsInWithTheInjectedWallet() throws Exception {
        try (DevStack dev = DevStack.start(tmp.resolve("home"), tmp.resolve("dev.out")); Browser browser = Browser.start()) {
            String base = dev.field("httpsUrl");
            AdminSignInSystemTest.pinnedClient(base, dev.field("tlsFingerprint"));
            byte[] adminKey = Hex.decode(Files.readString(Path.of(dev.field("adminKeyFile"))).trim());
            browser.injectWallet(adminKey, 31337);
            var driver = browser.driver();
            Map<String, Long> sizes = new LinkedHashMap<>();
            List<String> violations = new ArrayList<>();

            String code = setupCode(dev);
            driver.get(base + "/setup/");
            assertTrue(driver.getCurrentUrl().endsWith("/setup/login"), driver.getCurrentUrl());
            check(browser, "setup-login", sizes, violations);
            driver.findElement(By.id("code")).sendKeys(code);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPageText("Set up this host", 20);
            assertTrue(driver.getPageSource().contains(dev.field("tlsFingerprint")), "the wizard shows the fingerprint");
            check(browser, "setup-steps", sizes, violations);
            driver.get(base + "/setup/libvirt");
            assertTrue(driver.getPageSource().contains("Virtual machines (libvirt)"));
            check(browser, "setup-libvirt", sizes, violations);
            driver.get(base + "/setup/evm-chain");
            browser.screenshots("setup-evm-chain"); // the chain page is restyled by its owner; not axe-checked here
            assertEquals(0, RuntimeProcess.CliResult.run(launcher(dev, "setup", "close")).exit());

            driver.get(base + "/admin/");
            check(browser, "admin-signin", sizes, violations);
            driver.findElement(By.id("signin")).click();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String status = "";
            while (System.nanoTime() < end && !status.startsWith("Signed in")) {
                browser.signPending(adminKey);
                status = driver.findElement(By.id("status")).getText();
                Thread.sleep(200);
            }
            assertTrue(status.startsWith("Signed in as 0x"), "admin sign-in in the browser: " + status);
            check(browser, "admin-signed-in", sizes, violations);

            driver.get(base + "/no-such-page");
            check(browser, "error-404", sizes, violations);
            sizes.forEach((page, bytes) -> System.out.printf("browser page %-16s %6d bytes transferred%n", page, bytes));
            assertEquals(List.of(), violations, "serious or critical axe-core violations");
        }
    }

    private static void check(Browser browser, String name, Map<String, Long> sizes, List<String> violations)
            throws Exception {
        browser.screenshots(name);
        sizes.put(name, browser.transferredBytes());
        browser.seriousViolations().forEach(v -> violations.add(name + ": " + v));
    }

    private static String setupCode(DevStack dev) throws Exception {
        RuntimeProcess.CliResult reopen = RuntimeProcess.CliResult.run(launcher(dev, "setup", "reopen"));
        Matcher m = Pattern.compile("setup code: ([A-Z0-9]{6})").matcher(reopen.output());
        assertTrue(reopen.exit() == 0 && m.find(), reopen.output());
        return m.group(1);
    }

    private static List<String> launcher(DevStack dev, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", dev.home().toString()));
        return cmd;
    }
}
