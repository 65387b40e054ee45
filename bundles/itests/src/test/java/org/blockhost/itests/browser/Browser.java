package org.blockhost.itests.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The shared browser-test harness: Debian's headless Chromium through Selenium (the Debian
 * chromedriver, nothing downloaded), an injected test wallet signing with a test key, screenshots
 * at desktop and phone width under {@code target/screenshots}, and axe-core (npm, pinned in
 * {@code browser/package-lock.json}) failing on serious and critical violations.
 */
public final class Browser implements AutoCloseable {
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    /** {@code target/screenshots}, or the directory in the system property {@code blockhost.screenshots}. */
    private static final Path SHOTS = Path.of(System.getProperty("blockhost.screenshots", "target/screenshots"));
    private static final HttpClient RPC = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Installed by this module's build ({@code npm ci} in {@code bundles/itests/browser}); found from bundles/e2e too. */
    private static final Path AXE = Path.of(System.getProperty("blockhost.root", "../.."))
            .resolve("bundles/itests/browser/node_modules/axe-core/axe.min.js");
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts headless Chromium with a fresh profile; accepts the self-signed certificate (pinned by the caller). */
    public static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("bh-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
        options.setAcceptInsecureCerts(true);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Injects the test wallet into every page from now on (EIP-6963 + EIP-1193). */
    public void injectWallet(byte[] key, long chainId) throws IOException {
        String js = new String(Browser.class.getResourceAsStream("/browser/test-wallet.js").readAllBytes(), StandardCharsets.UTF_8)
                .replace("__ADDRESS__", Address.fromPrivateKey(key).toLowerString())
                .replace("__CHAIN__", "0x" + Long.toHexString(chainId));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    /**
     * Injects a second EIP-6963 wallet (after {@link #injectWallet}) that refuses every request with
     * 4001, so a page that used it instead of the test wallet fails: for wallet-choice tests.
     */
    public void injectOtherWallet(String name) {
        if (!name.matches("[A-Za-z0-9 ]{1,40}")) {
            throw new IllegalArgumentException("wallet name: letters, digits and spaces");
        }
        String js = "(() => { const provider = { request() { return Promise.reject({ code: 4001, message: 'refused' }); },"
                + " on() {}, removeListener() {} };"
                + " const info = Object.freeze({ uuid: '0b9e1f3a-5c1d-4e8b-a1f0-2c3d4e5f6a7b', name: '" + name + "',"
                + " icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E', rdns: 'org.blockhost.other' });"
                + " const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider',"
                + " { detail: Object.freeze({ info, provider }) }));"
                + " window.addEventListener('eip6963:requestProvider', announce); announce(); })();";
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    /** Answers the wallet's pending personal_sign requests with the key (others refused); how many were answered. */
    public int signPending(byte[] key) throws IOException, InterruptedException {
        return serveWallet(key, null);
    }

    /**
     * Answers the wallet's pending requests: personal_sign with the key, everything else forwarded to
     * the JSON-RPC at {@code rpcUrl} (the dev chain; eth_sendTransaction then needs an account the
     * node has unlocked, such as anvil's dev accounts), or refused (4200) without one. How many.
     */
    @SuppressWarnings("unchecked")
    public int serveWallet(byte[] key, String rpcUrl) throws IOException, InterruptedException {
        List<Map<String, Object>> pending = (List<Map<String, Object>>) driver.executeScript(
                "return window.__bhWallet ? window.__bhWallet.take() : [];");
        for (Map<String, Object> p : pending) {
            List<Object> params = (List<Object>) p.get("params");
            if ("personal_sign".equals(p.get("method"))) {
                byte[] message = Hex.decode(params.get(0).toString());
                String signature = "0x" + PersonalSign.sign(key, message).toHex();
                driver.executeScript("window.__bhWallet.answer(arguments[0], arguments[1]);", p.get("id"), signature);
            } else if ("wallet_switchEthereumChain".equals(p.get("method"))) {
                driver.executeScript("window.__bhWallet.switchChain(arguments[0]);", p.get("id"));
            } else if ("wallet_addEthereumChain".equals(p.get("method"))) {
                driver.executeScript("window.__bhWallet.addChain(arguments[0]);", p.get("id"));
            } else if (rpcUrl == null) {
                driver.executeScript("window.__bhWallet.fail(arguments[0], 4200, 'unsupported');", p.get("id"));
            } else {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + p.get("method") + "\",\"params\":"
                        + p.get("json") + "}";
                String answer = RPC.send(HttpRequest.newBuilder(URI.create(rpcUrl)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
                driver.executeScript("window.__bhWallet.answerRpc(arguments[0], arguments[1]);", p.get("id"), answer);
            }
        }
        return pending.size();
    }

    /**
     * Waits until the page (after a click that navigates) contains {@code text}; fails with the page
     * source after {@code seconds}. A page source read right after a click may still be the old page.
     */
    public String awaitPageText(String text, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String source = driver.getPageSource();
        while (!source.contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the page did not show '" + text + "' within " + seconds + " s: " + source);
            }
            Thread.sleep(100);
            source = driver.getPageSource();
        }
        return source;
    }

    /** Emulates {@code prefers-color-scheme: dark} (true) or light (false) for the pages from now on. */
    public void darkMode(boolean dark) {
        colorScheme(dark ? "dark" : "light");
    }

    /** Puts the injected wallet of the current page on another chain (hex id, e.g. 0x1). */
    public void walletChain(String hex) {
        driver.executeScript("window.__bhWallet.setChain(arguments[0]);", hex);
    }

    /**
     * Makes the injected wallet of the current page forget a chain (hex id): switching to it fails
     * with 4902 until a {@code wallet_addEthereumChain} for it is served (which adds it and switches).
     */
    public void walletForgetsChain(String hex) {
        driver.executeScript("window.__bhWallet.forget(arguments[0]);", hex);
    }

    /** The JSON parameters of every wallet_addEthereumChain the current page's wallet accepted. */
    public String addedChains() {
        return String.valueOf(driver.executeScript("return JSON.stringify(window.__bhWallet.added);"));
    }

    /** Declines every pending wallet request as a user would (EIP-1193 code 4001); how many. */
    @SuppressWarnings("unchecked")
    public int declinePending() {
        List<Map<String, Object>> pending = (List<Map<String, Object>>) driver.executeScript(
                "return window.__bhWallet ? window.__bhWallet.take() : [];");
        pending.forEach(p -> driver.executeScript("window.__bhWallet.fail(arguments[0], 4001, 'User rejected the request.');",
                p.get("id")));
        return pending.size();
    }

    /** Serves the wallet (see {@link #serveWallet}) until {@code done} holds; false on timeout. */
    public boolean serveUntil(byte[] key, String rpcUrl, Duration timeout, java.util.function.BooleanSupplier done)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            serveWallet(key, rpcUrl);
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Emulates prefers-color-scheme (light or dark) for the pages from now on. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The id of an element every screenshot scrolls to the top of the window after resizing (null: none). */
    private volatile String inView;

    /** Screenshots from now on show the element with this id at the top of the window (null: as the page is scrolled). */
    public void keepInView(String id) {
        inView = id;
    }

    /** Screenshots of the current page at desktop and phone width; the files. */
    public List<Path> screenshots(String name) throws IOException {
        Files.createDirectories(SHOTS);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, Dimension> size : Map.of("desktop", DESKTOP, "phone", PHONE).entrySet()) {
            driver.manage().window().setSize(size.getValue());
            if (inView != null) {
                driver.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", inView);
            }
            Path file = SHOTS.resolve(name + "-" + size.getKey() + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            files.add(file);
        }
        driver.manage().window().setSize(DESKTOP);
        return files;
    }

    /**
     * Screenshots at desktop and phone width with {@code prefers-color-scheme: dark} emulated
     * ({@code NAME-dark-desktop.png}, ...); the light scheme is restored afterwards.
     */
    public List<Path> darkScreenshots(String name) throws IOException {
        colorScheme("dark");
        try {
            return screenshots(name + "-dark");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    /** axe-core's serious and critical violations on the current page (id, impact, first target). */
    @SuppressWarnings("unchecked")
    public List<String> seriousViolations() throws IOException {
        if (!Files.exists(AXE)) {
            throw new IllegalStateException("axe-core is missing: run 'npm ci' in bundles/itests/browser");
        }
        driver.executeScript(Files.readString(AXE));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id,"
                + " impact: v.impact, target: JSON.stringify(v.nodes[0] && v.nodes[0].target)}))));");
        return violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + ") at " + v.get("target")).toList();
    }

    /** Bytes the page and its resources took over the wire (Navigation and Resource Timing). */
    public long transferredBytes() {
        Object n = driver.executeScript("return performance.getEntriesByType('navigation').concat("
                + "performance.getEntriesByType('resource')).reduce((s, e) => s + (e.transferSize || 0), 0);");
        return ((Number) n).longValue();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
