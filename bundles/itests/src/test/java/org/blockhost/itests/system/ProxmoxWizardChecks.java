package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.blockhost.itests.browser.Browser;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Proxmox VE wizard page ({@code /setup/proxmox}) in the browser against the loopback PVE double
 * (the Proxmox bundle's test-jar, schema-checked): the bundle dropped into the plugins folder of a
 * fresh {@code blockhost dev --wizard}, Check lists the nodes, storages and bridges the API reports and
 * the privileges the token lacks (per ACL path), nothing saved; a URL that is not https is refused at
 * its field and nothing is saved; the bundle is removed again before the summary (one provisioner).
 * Screenshots at desktop and phone width, light and dark; axe-core on each state.
 */
final class ProxmoxWizardChecks {
    private static final String JAR = "provisioner-proxmox.jar";

    private ProxmoxWizardChecks() {
    }

    static void check(Browser browser, DevStack dev, Path tmp, List<String> violations) throws Exception {
        try (PveTestServer pve = new PveTestServer()) {
            pve.cluster.node("pve1", 8, 16384, 500);
            pve.cluster.node("pve2", 8, 16384, 500);
            pve.cluster.template("pve1", 9000, "debian-12", "ab".repeat(32));
            pve.cluster.withheld.add("/pool/blockhost VM.GuestAgent.Unrestricted");
            pve.cluster.withheld.add("/nodes Sys.Audit");
            Path ca = pve.pki.writeCa(tmp.resolve("pve-root-ca.pem"));
            Path plugins = dev.home().resolve("plugins");
            Path part = plugins.resolve("." + JAR + ".part");
            Files.copy(ProvisionerSwapChecks.proxmoxJar(), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, plugins.resolve(JAR), StandardCopyOption.ATOMIC_MOVE);
            WebDriver driver = browser.driver();
            String page = dev.field("httpsUrl") + "/setup/proxmox";
            awaitPage(driver, page, true);
            WizardBrowserSystemTest.check(browser, "wizard-proxmox", violations, true);

            fill(driver, pve.url(), PveTestServer.SECRET, ca.toString());
            driver.findElement(By.cssSelector("button[value=check]")).click();
            browser.awaitPageText("Token privileges", 20);
            String missing = driver.findElement(By.id("missing")).getText();
            assertTrue(missing.contains("/pool/blockhost: VM.GuestAgent.Unrestricted") && missing.contains("/nodes: Sys.Audit"),
                    "missing privileges per path: " + missing);
            assertEquals(List.of("any online node", "pve1", "pve2"), options(driver, "proxmox.node"));
            assertEquals(List.of("local-lvm"), options(driver, "proxmox.storage").stream().filter(s -> s.equals("local-lvm")).toList(),
                    "storages reported by the API: " + options(driver, "proxmox.storage"));
            assertTrue(options(driver, "proxmox.bridge").contains("vmbr0"), "bridges: " + options(driver, "proxmox.bridge"));
            assertEquals("local-lvm", new Select(driver.findElement(By.name("proxmox.storage"))).getFirstSelectedOption().getText(),
                    "the default storage preselected, not the import directory listed first");
            assertFalse(driver.getPageSource().contains(PveTestServer.SECRET), "the secret is never written back");
            WizardBrowserSystemTest.check(browser, "wizard-proxmox-checked", violations, true);
            browser.driver().executeScript("document.getElementsByName('proxmox.node')[0].scrollIntoView()");
            browser.screenshots("wizard-proxmox-choices"); // the node, storage and bridge choices (same page, axe done)

            driver.findElement(By.name("proxmox.api_url")).clear();
            driver.findElement(By.name("proxmox.api_url")).sendKeys("http://pve1.example.net:8006");
            driver.findElement(By.name("secret")).sendKeys(PveTestServer.SECRET);
            driver.findElement(By.cssSelector("button[value=save]")).click();
            browser.awaitPageText("Nothing was saved", 20);
            String error = driver.findElement(By.cssSelector("[id$=api-url-error]")).getText();
            assertTrue(error.contains("API URL must look like https://"), "the message at the field: " + error);
            WizardBrowserSystemTest.check(browser, "wizard-proxmox-bad-url", violations, true);
            assertFalse(Files.exists(dev.home().resolve("etc/keys/proxmox-token.key")), "no secret stored");
            assertFalse(Files.exists(dev.home().resolve("etc/org.blockhost.provisioner.proxmox.cfg")), "no configuration");
            driver.get(page);
            assertEquals("", driver.findElement(By.name("proxmox.api_url")).getAttribute("value"), "no answer saved");
            assertEquals(List.of(), pve.violations(), "every request the page sent is valid for the PVE API schema");

            Files.delete(plugins.resolve(JAR));
            awaitPage(driver, page, false);
        }
    }

    private static void fill(WebDriver driver, String url, String secret, String tls) {
        driver.findElement(By.name("proxmox.api_url")).sendKeys(url);
        driver.findElement(By.name("proxmox.token_id")).sendKeys(PveTestServer.TOKEN_ID);
        driver.findElement(By.name("secret")).sendKeys(secret);
        driver.findElement(By.name("proxmox.tls")).sendKeys(tls);
    }

    private static List<String> options(WebDriver driver, String name) {
        return new Select(driver.findElement(By.name(name))).getOptions().stream().map(WebElement::getText).toList();
    }

    /** Until the page is served (the bundle's servlet registered) or gone (404 after the jar is removed). */
    private static void awaitPage(WebDriver driver, String url, boolean served) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            driver.get(url);
            boolean there = !driver.findElements(By.name("proxmox.api_url")).isEmpty();
            if (there == served) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("/setup/proxmox " + (served ? "not served" : "still served") + " after 30 s");
            }
            Thread.sleep(500);
        }
    }
}
