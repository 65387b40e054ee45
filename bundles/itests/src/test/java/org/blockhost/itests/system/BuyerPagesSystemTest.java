package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.itests.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The buyer pages in headless Chromium on {@code blockhost dev} over HTTPS, with the injected test
 * wallet on anvil's dev account #3 (unlocked, so the wallet's transactions go to anvil as they are):
 * plans before connecting, buy plan 1 (access key signed, exact approval, purchase, progress, the
 * decrypted SSH details), My servers (details decrypted, renewal, the new expiry on chain), and
 * the signing page refusing a foreign message with HTML in it (shown as text) and signing a login
 * for this host; then the provisioner swap ({@link ProvisionerSwapChecks}: libvirt out, Proxmox in, the
 * next purchase on Proxmox, the first VM left with libvirt); the NFT transferred to a second wallet, which registers its own access key and reads
 * the re-sealed details while the first wallet's key no longer opens them. Two wallets announce in
 * the first browser: the buyer chooses; the second wallet first does not know the chain and is
 * offered to add it (wallet_addEthereumChain with the engine's public RPC URL). The purchase is followed until the VM is ready for login;
 * the details carry its SSH host key (fingerprint and known_hosts line shown). Screenshots at desktop and phone width, light and dark; axe-core clean.
 */
class BuyerPagesSystemTest {
    private static final byte[] BUYER = Hex.decode("7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    private static final String BUYER_ADDRESS = Address.fromPrivateKey(BUYER).toChecksumString();
    private static final byte[] SECOND = Hex.decode("47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
    private static final String SECOND_ADDRESS = Address.fromPrivateKey(SECOND).toChecksumString();
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final String OTHER_WALLET = "Other test wallet";

    @TempDir
    Path tmp;

    @Test
    void aWalletBuysSeesItsDetailsRenewsAndSignsOnlyItsOwnHostsLogins() throws Exception {
        try (DevStack dev = DevStack.start(tmp.resolve("home"), tmp.resolve("dev.out")); Browser browser = Browser.start()) {
            String base = dev.field("httpsUrl");
            String rpc = dev.field("rpcUrl");
            HttpClient https = AdminSignInSystemTest.pinnedClient(base, dev.field("tlsFingerprint"));
            mintStablecoin(dev, new BigInteger("1000000000"));
            browser.injectWallet(BUYER, 31337);
            browser.injectOtherWallet(OTHER_WALLET);
            var driver = browser.driver();
            Map<String, Long> sizes = new LinkedHashMap<>();
            List<String> violations = new ArrayList<>();

            String plans = get(https, base + "/api/public/plans");
            assertTrue(plans.contains("\"id\":1,\"name\":\"basic\"") && plans.contains("\"memoryMib\":512"), plans);
            assertTrue(get(https, base + "/api/public/chain").contains("\"credential\":\"" + dev.field("credential")), "chain");

            driver.get(base + "/");
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> !driver.findElements(By.name("plan")).isEmpty()),
                    "plans are shown before any wallet is connected");
            assertTrue(text(driver.findElement(By.id("plans"))).contains("/ day"));
            check(browser, "buy", sizes, violations);

            long t0 = System.nanoTime();
            driver.findElement(By.id("connect")).click();
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> !driver.findElements(By.cssSelector(".bh-wallets button")).isEmpty()),
                    "two wallets announced: the buyer chooses");
            assertEquals(List.of("BlockHost test wallet", OTHER_WALLET),
                    driver.findElements(By.cssSelector(".bh-wallets button")).stream().map(WebElement::getText).toList());
            driver.executeScript("document.querySelector('.bh-wallets').scrollIntoView()");
            check(browser, "wallet-choice", sizes, violations);
            chooseTestWallet(browser, rpc);
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> text(driver.findElement(By.id("balance"))).contains("TUSD")),
                    "connected with a balance: " + text(driver.findElement(By.id("wallet-status"))));
            driver.findElement(By.id("buy")).click();
            boolean shown = browser.serveUntil(BUYER, rpc, LONG,
                    () -> text(driver.findElement(By.id("result"))).contains("ssh ")
                            || text(driver.findElement(By.id("buy-status"))).contains("Nothing"));
            assertTrue(shown && text(driver.findElement(By.id("result"))).contains("@"),
                    "details shown: " + text(driver.findElement(By.id("buy-status"))));
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            System.out.printf("buyer: 3 clicks (Connect, the wallet, Buy), %d s from connect to details shown (ready for login)%n",
                    seconds);
            try (AccessKeyPair mine = AccessKey.derive(PersonalSign.sign(BUYER, AccessKey.message("localhost", 31337,
                    dev.field("credential"))))) {
                String details = new String(mine.decrypt(Hex.decode(credentials(dev, 1).substring(2))), StandardCharsets.UTF_8);
                java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"hostKey\":\"(ssh-ed25519 [A-Za-z0-9+/]{68})\"")
                        .matcher(details);
                assertTrue(key.find(), "the sealed details carry the VM's SSH host key: " + details);
                String page = text(driver.findElement(By.id("result")));
                assertTrue(page.contains(" " + key.group(1)), "a known_hosts line with that key: " + page);
                assertTrue(page.contains("SHA256:"), "its fingerprint: " + page);
            }
            String purchase = get(https, base + "/api/public/purchase/1");
            assertTrue(purchase.contains("\"stage\" : \"active\"") && purchase.contains("\"ready\" : true"), purchase);
            assertTrue(text(driver.findElement(By.id("buy-status"))).startsWith("Your server is ready for login"),
                    "the page waited for the guest's first boot: " + text(driver.findElement(By.id("buy-status"))));
            assertTrue(text(driver.findElement(By.id("subscription"))).contains("first boot takes about"),
                    "how long a first boot takes here: " + text(driver.findElement(By.id("subscription"))));
            assertTrue(get(https, base + "/metrics").contains("blockhost_vms_ready 1"), "ready VMs in /metrics");
            RuntimeProcess.CliResult vms = RuntimeProcess.CliResult.run(List.of("bash",
                    RuntimeProcess.ROOT.resolve("blockhost").toString(), "vm", "list", "--home", dev.home().toString()));
            assertTrue(vms.output().contains("READY") && vms.output().matches("(?s).*blockhost-001 +1 +active +yes .*"),
                    "vm list shows the VM ready: " + vms.output());
            driver.executeScript("document.getElementById('subscription').scrollIntoView()");
            check(browser, "buy-done", sizes, violations);

            driver.get(base + "/servers");
            driver.findElement(By.id("connect")).click();
            chooseTestWallet(browser, rpc);
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> !driver.findElements(By.cssSelector(".bh-server")).isEmpty()),
                    "my servers listed: " + text(driver.findElement(By.id("wallet-status"))));
            driver.findElement(By.id("unlock")).click();
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> text(driver.findElement(By.cssSelector(".bh-out"))).contains("ssh ")),
                    "details decrypted on My servers");
            assertTrue(text(driver.findElement(By.cssSelector(".bh-out"))).contains("SHA256:"), "with the host key fingerprint");
            long before = expiry(dev, 1);
            WebElement days = driver.findElement(By.cssSelector(".bh-server input[type=number]"));
            days.clear();
            days.sendKeys("10");
            driver.findElement(By.cssSelector(".bh-renew")).click();
            assertTrue(browser.serveUntil(BUYER, rpc, LONG,
                    () -> text(driver.findElement(By.cssSelector(".bh-server-status"))).startsWith("Renewed")),
                    "renewed: " + text(driver.findElement(By.cssSelector(".bh-server-status"))));
            assertEquals(before + 10 * 86400, expiry(dev, 1), "ten days more on chain");
            assertTrue(text(driver.findElement(By.cssSelector(".bh-server-status"))).contains(
                    Instant.ofEpochSecond(expiry(dev, 1)).toString().substring(0, 10)), "the page shows the new expiry");
            driver.executeScript("document.querySelector('.bh-server').scrollIntoView()");
            check(browser, "servers", sizes, violations);

            transfer(dev, 1, SECOND_ADDRESS);
            try (Browser second = Browser.start()) {
                second.injectWallet(SECOND, 31337);
                var d2 = second.driver();
                d2.get(base + "/");
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> d2.findElement(By.id("connect")).isEnabled()));
                second.walletChain("0x1");
                d2.findElement(By.id("connect")).click();
                long declineBy = System.nanoTime() + LONG.toNanos();
                while (second.declinePending() == 0 && System.nanoTime() < declineBy) {
                    Thread.sleep(100);
                }
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> text(d2.findElement(By.id("wallet-status")))
                        .startsWith("Your wallet is on network 1. Switch it to network 31337 to continue")),
                        "wrong network: " + text(d2.findElement(By.id("wallet-status"))));
                assertTrue(d2.findElement(By.id("connect")).isEnabled() && !d2.findElement(By.id("buy")).isEnabled());
                second.walletForgetsChain("0x7a69");
                d2.findElement(By.id("connect")).click();
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> text(d2.findElement(By.id("balance"))).contains("TUSD")),
                        "a wallet that does not know the chain is offered to add it: " + text(d2.findElement(By.id("wallet-status"))));
                String added = second.addedChains();
                assertTrue(added.contains("\"chainId\":\"0x7a69\"") && added.contains("\"rpcUrls\":[\"" + rpc + "\"]"),
                        "the chain added with the dev chain's public RPC URL: " + added);
                d2.findElement(By.id("buy")).click();
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> text(d2.findElement(By.id("buy-status")))
                        .startsWith("Your wallet holds 0.00 TUSD; this purchase needs 30.00 TUSD.")),
                        "too little stablecoin is said before anything is signed: " + text(d2.findElement(By.id("buy-status"))));
                d2.get(base + "/servers");
                d2.findElement(By.id("connect")).click();
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> !d2.findElements(By.cssSelector(".bh-server")).isEmpty()),
                        "the NFT received by transfer is listed: " + text(d2.findElement(By.id("wallet-status"))));
                d2.findElement(By.id("unlock")).click();
                long end = System.nanoTime() + LONG.toNanos();
                while (second.declinePending() == 0 && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                assertTrue(second.serveUntil(SECOND, rpc, LONG, () -> text(d2.findElement(By.id("wallet-status")))
                        .equals("You declined the request in your wallet. Nothing was signed or sent.")),
                        "a declined signature is said plainly: " + text(d2.findElement(By.id("wallet-status"))));
                d2.findElement(By.id("unlock")).click();
                assertTrue(second.serveUntil(SECOND, rpc, LONG,
                        () -> !d2.findElements(By.xpath("//button[text()='Register my access key']")).isEmpty()),
                        "the new holder is offered to register a key: " + text(d2.findElement(By.cssSelector(".bh-out"))));
                check(second, "servers-transferred", sizes, violations);
                d2.findElement(By.xpath("//button[text()='Register my access key']")).click();
                assertTrue(second.serveUntil(SECOND, rpc, Duration.ofSeconds(240),
                        () -> text(d2.findElement(By.cssSelector(".bh-out"))).contains("ssh ")),
                        "re-sealed to the new holder: " + text(d2.findElement(By.cssSelector(".bh-server-status"))));
            }
            String resealed = credentials(dev, 1);
            try (AccessKeyPair second = AccessKey.derive(PersonalSign.sign(SECOND, AccessKey.message("localhost", 31337,
                    dev.field("credential"))))) {
                String details = new String(second.decrypt(Hex.decode(resealed.substring(2))), StandardCharsets.UTF_8);
                assertTrue(details.contains("\"hostKey\":\"ssh-ed25519 "), "re-sealed with the host key: " + details);
            }
            try (AccessKeyPair old = AccessKey.derive(PersonalSign.sign(BUYER, AccessKey.message("localhost", 31337,
                    dev.field("credential"))))) {
                assertThrows(RuntimeException.class, () -> old.decrypt(Hex.decode(resealed.substring(2))),
                        "the first wallet can no longer read the details");
            }

            driver.get(base + "/sign?message=" + URLEncoder.encode(login("evil.example.com", "<b>x</b>"), StandardCharsets.UTF_8));
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> !text(driver.findElement(By.id("check"))).isEmpty()));
            assertTrue(text(driver.findElement(By.id("check"))).contains("not"), text(driver.findElement(By.id("check"))));
            assertFalse(driver.findElement(By.id("sign")).isEnabled(), "a foreign message cannot be signed");
            assertTrue(driver.findElements(By.cssSelector("main b")).isEmpty(), "HTML in the message is not rendered");
            assertTrue(driver.findElement(By.id("message")).getText().contains("<b>x</b>"), "it is shown as text");
            check(browser, "sign-refused", sizes, violations);
            driver.get(base + "/sign?message=" + URLEncoder.encode(login("evil.example.com", null), StandardCharsets.UTF_8));
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> text(driver.findElement(By.id("check"))).contains("not for this host")),
                    "a login for another host is refused: " + text(driver.findElement(By.id("check"))));
            assertFalse(driver.findElement(By.id("sign")).isEnabled());

            String message = login("localhost:2201", null);
            driver.get(base + "/sign?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> driver.findElement(By.id("sign")).isEnabled()),
                    text(driver.findElement(By.id("check"))));
            driver.findElement(By.id("sign")).click();
            chooseTestWallet(browser, rpc);
            assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> text(driver.findElement(By.id("result"))).contains("0x")));
            driver.executeScript("document.getElementById('result').scrollIntoView()");
            assertTrue(text(driver.findElement(By.id("result"))).contains("0x" + PersonalSign.sign(BUYER, message).toHex()),
                    "the signature of exactly the login message");
            check(browser, "sign", sizes, violations);

            sizes.forEach((page, bytes) -> System.out.printf("browser page %-12s %7d bytes transferred%n", page, bytes));
            assertEquals(List.of(), violations, "serious or critical axe-core violations");

            // the same stack, libvirt swapped for Proxmox VE (the loopback double): the next purchase lands there
            ProvisionerSwapChecks.swapToProxmox(dev, tmp, "blockhost-001");
        }
    }

    /** Picks the test wallet in the page's wallet choice (the other one refuses everything). */
    private static void chooseTestWallet(Browser browser, String rpc) throws Exception {
        var driver = browser.driver();
        By button = By.xpath("//div[contains(@class,'bh-wallets')]/button[text()='BlockHost test wallet']");
        assertTrue(browser.serveUntil(BUYER, rpc, LONG, () -> !driver.findElements(button).isEmpty()), "the wallet choice is shown");
        driver.findElement(button).click();
    }

    private static String login(String domain, String user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return domain + " wants you to sign in with your Ethereum account:\n" + BUYER_ADDRESS + "\n\n"
                + "Log in to " + (user == null ? "user" : user) + "@blockhost-001 over SSH.\n\n"
                + "URI: ssh://" + domain + "\nVersion: 1\nChain ID: 31337\nNonce: a1b2c3d4e5f6\n"
                + "Issued At: " + now + "\nExpiration Time: " + now.plusSeconds(300);
    }

    private static void check(Browser browser, String name, Map<String, Long> sizes, List<String> violations) throws Exception {
        sizes.put(name, browser.transferredBytes());
        browser.screenshots(name);
        browser.seriousViolations().forEach(v -> violations.add(name + " (light): " + v));
        browser.colorScheme("dark");
        browser.screenshots(name + "-dark");
        browser.seriousViolations().forEach(v -> violations.add(name + " (dark): " + v));
        browser.colorScheme("light");
    }

    private static String text(WebElement e) {
        return e.getText();
    }

    private static void mintStablecoin(DevStack dev, BigInteger amount) throws Exception {
        String data = "0x40c10f19" + word(BUYER_ADDRESS.substring(2)) + word(amount.toString(16));
        dev.rpc("eth_sendTransaction", "[{\"from\":\"" + BUYER_ADDRESS + "\",\"to\":\"" + dev.field("stablecoin")
                + "\",\"data\":\"" + data + "\"}]");
    }

    private static long expiry(DevStack dev, long subscriptionId) throws Exception {
        String selector = Hex.encode(Keccak.hash256("getSubscription(uint256)")).substring(0, 8);
        String out = dev.rpc("eth_call", "[{\"to\":\"" + dev.field("subscriptions") + "\",\"data\":\"0x" + selector
                + word(Long.toHexString(subscriptionId)) + "\"},\"latest\"]");
        return new BigInteger(out.substring(2 + 128, 2 + 192), 16).longValueExact();
    }

    private static void transfer(DevStack dev, long tokenId, String to) throws Exception {
        String data = "0x23b872dd" + word(BUYER_ADDRESS.substring(2)) + word(to.substring(2)) + word(Long.toHexString(tokenId));
        dev.rpc("eth_sendTransaction", "[{\"from\":\"" + BUYER_ADDRESS + "\",\"to\":\"" + dev.field("credential")
                + "\",\"data\":\"" + data + "\"}]");
    }

    private static String credentials(DevStack dev, long tokenId) throws Exception {
        String selector = Hex.encode(Keccak.hash256("getCredentials(uint256)")).substring(0, 8);
        String out = dev.rpc("eth_call", "[{\"to\":\"" + dev.field("credential") + "\",\"data\":\"0x" + selector
                + word(Long.toHexString(tokenId)) + "\"},\"latest\"]").substring(2);
        int length = new BigInteger(out.substring(64, 128), 16).intValueExact();
        return "0x" + out.substring(128, 128 + 2 * length);
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex.toLowerCase();
    }

    private static String get(HttpClient https, String url) throws Exception {
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
