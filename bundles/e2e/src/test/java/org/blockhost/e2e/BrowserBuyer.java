package org.blockhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.crypto.api.Hex;
import org.blockhost.itests.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The buyer of the real-VM flow in one headless Chromium (bundles/itests' harness) with the injected
 * test wallet on a dev account anvil has unlocked (its transactions go to anvil as they are): buys on
 * {@code /}, reads the decrypted details on {@code /servers}, signs pam_web3's login on {@code /sign}.
 */
final class BrowserBuyer implements AutoCloseable {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern KNOWN_HOSTS = Pattern.compile("\\[[^\\]\\s]+\\]:\\d+ ssh-ed25519 [A-Za-z0-9+/=]+");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final Pattern SUBSCRIPTION = Pattern.compile("Subscription #(\\d+)");
    private static final Duration PAGE = Duration.ofSeconds(60);

    /** What {@code /servers} shows for the server: its host key fingerprint and known_hosts line, and all its text. */
    record Details(String fingerprint, String knownHostsLine, String text) {
    }

    private final Browser browser;
    private final ChromeDriver driver;
    private final byte[] key;
    private final String base;
    private final String rpc;
    private final List<String> violations = new ArrayList<>();

    private BrowserBuyer(Browser browser, byte[] key, String base, String rpc) {
        this.browser = browser;
        this.driver = browser.driver();
        this.key = key;
        this.base = base;
        this.rpc = rpc;
    }

    /** Chromium with the wallet of {@code keyFile} (hex) injected, for the pages at {@code httpsUrl}. */
    static BrowserBuyer start(String httpsUrl, String rpcUrl, long chainId, Path keyFile) throws IOException {
        byte[] key = Hex.decode(Files.readString(keyFile).strip());
        Browser browser = Browser.start();
        try {
            browser.injectWallet(key, chainId);
            return new BrowserBuyer(browser, key, httpsUrl, rpcUrl);
        } catch (IOException | RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /**
     * Buys {@code days} of plan 1 on {@code /}: connect, Buy (access key, exact approval, purchase), then
     * the page follows the purchase until the VM is ready for login and shows the details. The
     * subscription id the page names.
     */
    long buy(int days, Duration timeout) throws IOException, InterruptedException {
        driver.get(base + "/");
        serve(PAGE, () -> !driver.findElements(By.cssSelector("input[name=plan][value='1']")).isEmpty(), "plan 1 shown");
        WebElement plan = driver.findElement(By.cssSelector("input[name=plan][value='1']"));
        if (!plan.isSelected()) {
            plan.click();
        }
        WebElement field = driver.findElement(By.id("days"));
        field.clear();
        field.sendKeys(Integer.toString(days));
        driver.findElement(By.id("connect")).click();
        serve(PAGE, () -> text("balance").startsWith("Your balance"), () -> "connected: " + text("wallet-status"));
        driver.findElement(By.id("buy")).click();
        serve(timeout, () -> text("result").contains("ssh ") || failed("buy-status"), () -> "details: " + text("buy-status"));
        String status = text("buy-status");
        if (!status.startsWith("Your server is ready for login")) {
            throw new AssertionError("the buy page did not wait for the first boot: " + status);
        }
        Matcher id = SUBSCRIPTION.matcher(text("subscription"));
        if (!id.find()) {
            throw new AssertionError("no subscription on the buy page: " + text("subscription"));
        }
        return Long.parseLong(id.group(1));
    }

    /** {@code /servers}: connect, decrypt the details in the browser; the fingerprint and known_hosts line shown. */
    Details servers() throws IOException, InterruptedException {
        driver.get(base + "/servers");
        serve(PAGE, () -> driver.findElement(By.id("connect")).isEnabled(), "connect enabled");
        driver.findElement(By.id("connect")).click();
        serve(PAGE, () -> !driver.findElements(By.cssSelector(".bh-server")).isEmpty(), () -> "servers: " + text("wallet-status"));
        driver.findElement(By.id("unlock")).click();
        serve(PAGE, () -> driver.findElement(By.cssSelector(".bh-out")).getText().contains("ssh "), "details decrypted");
        String shown = driver.findElement(By.cssSelector(".bh-out")).getText();
        Matcher fingerprint = FINGERPRINT.matcher(shown);
        Matcher line = KNOWN_HOSTS.matcher(shown);
        if (!fingerprint.find() || !line.find()) {
            throw new AssertionError("no host key fingerprint or known_hosts line on /servers: " + shown);
        }
        return new Details(fingerprint.group(), line.group(), shown);
    }

    /**
     * Opens pam_web3's signing link, signs the login with the wallet and returns the signature the page
     * shows. Screenshots {@code NAME-*.png} (light and dark) and axe-core on the signed page.
     */
    String sign(String link, String name) throws IOException, InterruptedException {
        driver.get(link);
        serve(PAGE, () -> driver.findElement(By.id("sign")).isEnabled() || failed("check"), () -> "check: " + text("check"));
        if (!driver.findElement(By.id("sign")).isEnabled()) {
            throw new AssertionError("/sign refused pam_web3's login message: " + text("check"));
        }
        driver.findElement(By.id("sign")).click();
        serve(PAGE, () -> SIGNATURE.matcher(text("result")).find(), () -> "signed: " + text("wallet-status"));
        Matcher signature = SIGNATURE.matcher(text("result"));
        signature.find();
        driver.executeScript("document.getElementById('result').scrollIntoView()");
        browser.screenshots(name);
        browser.seriousViolations().forEach(v -> violations.add(name + " (light): " + v));
        browser.darkScreenshots(name);
        return signature.group();
    }

    /** axe-core's serious and critical findings on the pages checked so far. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    private void serve(Duration timeout, BooleanSupplier done, String what) throws IOException, InterruptedException {
        serve(timeout, done, () -> what);
    }

    private void serve(Duration timeout, BooleanSupplier done, Supplier<String> what)
            throws IOException, InterruptedException {
        if (!browser.serveUntil(key, rpc, timeout, done)) {
            throw new AssertionError("not within " + timeout + ": " + what.get());
        }
    }

    private boolean failed(String id) {
        String classes = driver.findElement(By.id(id)).getDomAttribute("class");
        return classes != null && classes.contains("bh-error");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Override
    public void close() throws IOException {
        browser.close();
    }
}
