package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.blockhost.itests.browser.Browser;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OPNet engine's {@code /sign} page on the swapped stack (issue #22), in Chromium with a test-only OP_WALLET
 * ({@code window.opnet}, engine-opnet-bundle's {@code web/test/op-test-wallet.js}, signing with a known key): a
 * pam_web3-format login for that wallet's Taproot address is signed and the text the page shows verifies with the
 * engine's own {@code OpnetSignIn} (loaded from the engine jar); a login for another wallet is refused before
 * anything is signed. Screenshots light and dark, axe-core.
 */
final class OpnetSignPage {
    private static final HexFormat HEX = HexFormat.of();
    private final DevStack dev;
    private final URLClassLoader engine;

    OpnetSignPage(DevStack dev, Path engineJar) throws Exception {
        this.dev = dev;
        this.engine = new URLClassLoader(new java.net.URL[] {engineJar.toUri().toURL()}, OpnetSignPage.class.getClassLoader());
    }

    void check(List<String> violations) throws Exception {
        byte[] key = sha256("blockhost opnet sign page test key");
        byte[] publicKey = CustomNamedCurves.getByName("secp256k1").getG().multiply(new BigInteger(1, key)).normalize().getEncoded(true);
        byte[] outputKey = (byte[]) call("TaprootTweak", "outputKey", xOnly(publicKey), new byte[0]);
        String address = (String) call("TaprootAddress", "encode", "bcrt", outputKey);
        byte[] otherKey = CustomNamedCurves.getByName("secp256k1").getG().multiply(BigInteger.TWO).normalize().getEncoded(true);
        String otherAddress = (String) call("TaprootAddress", "encode", "bcrt", call("TaprootTweak", "outputKey", xOnly(otherKey), new byte[0]));
        String base = dev.field("httpsUrl");
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            String wallet = Files.readString(RuntimeProcess.ROOT.resolve("engine-opnet-bundle/target/op-test-wallet/op-test-wallet.js"));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "window.__bhOpnetKey = '" + HEX.formatHex(key) + "';\n" + wallet));

            String message = login(address);
            driver.get(base + "/sign?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
            browser.awaitPageText("This is an SSH login for this host", 20);
            driver.findElement(By.id("connect")).click();
            browser.awaitPageText("Connected: " + address, 20);
            driver.findElement(By.id("sign")).click();
            browser.awaitPageText("Signed. Paste the signature", 20);
            String signature = driver.findElement(By.id("signature")).getText().trim();
            assertTrue(signature.startsWith("schnorr:" + HEX.formatHex(publicKey) + ":"), signature);
            assertEquals("0x" + HEX.formatHex(outputKey), call("OpnetSignIn", "schnorrTaprootKey", message, signature),
                    "the page's text verifies with the engine's OpnetSignIn for the login's wallet");
            EngineSwap.look(browser, "opnet-sign", violations);

            driver.get(base + "/sign?message=" + URLEncoder.encode(login(otherAddress), StandardCharsets.UTF_8));
            browser.awaitPageText("This is an SSH login for this host", 20);
            driver.findElement(By.id("sign")).click();
            String refusal = browser.awaitPageText("Switch to that account in OP_WALLET", 20);
            assertTrue(refusal.contains("This login is for the wallet " + otherAddress), "the refusal names the login's wallet");
            assertFalse(String.valueOf(driver.executeScript("return window.__bhOpnetCalls.join(',')")).contains("signData"),
                    "nothing was signed for another wallet's login");
            assertTrue(driver.findElements(By.id("signature")).isEmpty(), "no signature shown");
            driver.executeScript("document.getElementById('wallet-status').scrollIntoView({block: 'center'})");
            EngineSwap.look(browser, "opnet-sign-wrong-wallet", violations);

            driver.get(base + "/sign?message=" + URLEncoder.encode(login(address).replace("localhost", "evil.example.com"),
                    StandardCharsets.UTF_8));
            assertTrue(browser.awaitPageText("not for this host", 20).contains("evil.example.com"), "another host's login refused");
            assertFalse(driver.findElement(By.id("sign")).isEnabled(), "and cannot be signed");
        } finally {
            engine.close();
        }
    }

    /** A login message as pam_web3 prints it for an OPNet wallet (pam/src/siwe.c), for the dev host. */
    private static String login(String address) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "localhost wants you to sign in with your Bitcoin account:\n" + address + "\n\n"
                + "Log in to alice@vm1 over SSH.\n\nURI: ssh://localhost\nVersion: 1\nNonce: Ab3dEf6hIj7k\n"
                + "Issued At: " + now + "\nExpiration Time: " + now.plus(Duration.ofMinutes(5));
    }

    private static byte[] xOnly(byte[] compressed) {
        return java.util.Arrays.copyOfRange(compressed, 1, 33);
    }

    private Object call(String type, String name, Object... args) throws Exception {
        for (Method m : engine.loadClass("org.blockhost.engine.opnet.internal." + type).getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(type + "." + name + " refused: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        throw new AssertionError("no " + type + "." + name);
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
