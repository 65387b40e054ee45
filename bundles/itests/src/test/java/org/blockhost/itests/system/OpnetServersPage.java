package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.engine.opnet.internal.RpcFixture;
import org.blockhost.itests.browser.Browser;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OPNet engine's {@code /servers} page on the swapped stack (issue #22), in Chromium with the test-only OP_WALLET:
 * the fixture node answers the credential contract's reads with two tokens of the wallet's OPNet address (SHA-256 of
 * the test ML-DSA key): #1 sealed (with the crypto bundle's ECIES) to the access key this test derives independently
 * (Bouncy Castle's RFC 6979 ECDSA over the access-key message, low-s, then README's rule), #2 sealed to another key.
 * The page lists both, derives the key from two ECDSA signatures, shows #1's SSH command and says #2 needs the
 * wallet's own key registered. "Register my key" on #2: the page simulates {@code setAccessKey} through the host's
 * read-only relay ({@code /api/public/rpc}, to this fixture), reads the UTXOs and fees there, and hands the interaction
 * to the test OP_WALLET, which signs it with the SDK and leaves the package for this test to broadcast to the fixture;
 * the fixture decodes it: the calldata is {@code setAccessKey(2, K)} with the K derived here. Once the double answers
 * the new key (a block holds it) the page says so. Screenshots light and dark, axe-core.
 */
final class OpnetServersPage {
    private static final HexFormat HEX = HexFormat.of();
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final String SUBS = "5a".repeat(32);
    private static final String CRED = "c3".repeat(32);
    private final DevStack dev;

    OpnetServersPage(DevStack dev) {
        this.dev = dev;
    }

    void check(RpcFixture node, List<String> violations) throws Exception {
        byte[] key = sha256("blockhost opnet sign page test key".getBytes(StandardCharsets.UTF_8));
        byte[] mldsa = new byte[1312];
        for (int i = 0; i < mldsa.length; i += 32) {
            System.arraycopy(sha256(new byte[] {(byte) (i / 32)}), 0, mldsa, i, 32);
        }
        byte[] owner = sha256(mldsa);
        byte[] accessKey = accessKey(key, "BlockHost access key\nHost: localhost\nChain ID: opnet:mainnet\nContract: 0x" + CRED
                + "\nVersion: 1");
        byte[] otherKey = CURVE.getG().multiply(BigInteger.valueOf(7)).normalize().getEncoded(true);
        byte[] mine = Ecies.encrypt(accessKey, ("{\"v\":1,\"vm\":\"blockhost-001\",\"host\":\"localhost\",\"port\":2201,"
                + "\"user\":\"alice\"}").getBytes(StandardCharsets.UTF_8));
        byte[] theirs = Ecies.encrypt(otherKey, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        long expiry = Instant.now().getEpochSecond() + 30 * 86400;
        Map<Long, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>(Map.of(1L, accessKey, 2L, otherKey));
        java.util.concurrent.atomic.AtomicReference<BigInteger> allowance = new java.util.concurrent.atomic.AtomicReference<>(BigInteger.ZERO);
        Map<Long, Long> minted = new java.util.concurrent.ConcurrentHashMap<>();
        RpcFixture.Calls credential = credentialDouble(owner, Map.of(1L, mine, 2L, theirs), keys, expiry, minted);
        RpcFixture.Calls sale = OpnetBuyPage.contracts(SUBS, allowance);
        node.calls((to, data, height) -> {
            var answer = credential.answer(to, data, height);
            return answer != null ? answer : sale.answer(to, data, height);
        });
        String base = dev.field("httpsUrl");
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            String wallet = Files.readString(RuntimeProcess.ROOT.resolve("engine-opnet-bundle/target/op-test-wallet/op-test-wallet.js"));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.__bhOpnetKey = '"
                    + HEX.formatHex(key) + "';\nwindow.__bhOpnetMldsaKey = '" + HEX.formatHex(mldsa) + "';\n" + wallet));
            driver.get(base + "/servers");
            browser.awaitPageText("My servers", 20);
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.id("connect")).isEnabled());
            driver.findElement(By.id("connect")).click();
            browser.awaitPageText("Connected: 0x" + HEX.formatHex(owner) + ". 2 servers.", 30);
            driver.findElement(By.id("unlock")).click();
            String text = browser.awaitPageText("Details unlocked in this page only", 30);
            assertTrue(text.contains("ssh -p 2201 alice@localhost"), "token #1 opened with the page's key: " + text);
            assertTrue(text.contains("sealed to another wallet's key"), "token #2 explained");
            assertTrue(text.contains("0x" + HEX.formatHex(accessKey)), "the page's key is the one derived here");
            assertEquals("requestAccounts,getMLDSAPublicKey,getPublicKey,signData ecdsa,signData ecdsa",
                    String.valueOf(driver.executeScript("return window.__bhOpnetCalls.join(',')")), "two ECDSA signatures, nothing else");
            EngineSwap.look(browser, "opnet-servers", violations);
            reKey(browser, node, accessKey, keys);
            EngineSwap.look(browser, "opnet-servers-rekeyed", violations);
            new OpnetRenewal(SUBS, allowance).check(browser, node, violations);
            new OpnetBuyPage(SUBS, allowance).check(browser, node, base, accessKey, violations);
            new OpnetPurchaseFollow(SUBS, minted).check(browser, node, owner, mldsa, accessKey, violations);
        } finally {
            node.calls((to, data, height) -> null);
        }
    }

    /** "Register my key" on token #2 (sealed to another key) through the test OP_WALLET; the fixture decodes the broadcast. */
    private static void reKey(Browser browser, RpcFixture node, byte[] accessKey, Map<Long, byte[]> keys) throws Exception {
        ChromeDriver driver = browser.driver();
        fund(driver, node);
        driver.findElement(By.xpath("//section[@data-token='2']//button[normalize-space()='Register my key']")).click();
        browser.awaitPageText("Waiting for a block to confirm it", 30);
        assertEquals(1, broadcast(driver, node), "one package signed by the wallet");
        String expected = selector("setAccessKey(uint256,bytes)") + HEX.formatHex(word(BigInteger.TWO)) + "00000021"
                + HEX.formatHex(accessKey);
        String calldata = HEX.formatHex(node.interactions.get(0));
        assertTrue(calldata.endsWith(expected), "the interaction carries setAccessKey(2, K): " + calldata);
        keys.put(2L, accessKey); // a block holds it
        String text = browser.awaitPageText("Registered in ", 30);
        assertTrue(text.contains("The host now seals this server's details to your key"), text);
        String calls = String.valueOf(driver.executeScript("return window.__bhOpnetCalls.join(',')"));
        assertTrue(calls.endsWith("requestAccounts,getMLDSAPublicKey,getPublicKey,signAndBroadcastInteraction"), calls);
    }

    /** Gives the node a UTXO paying the test wallet's Taproot address (built by the test wallet with the SDK). */
    static void fund(ChromeDriver driver, RpcFixture node) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> funding = (Map<String, Object>) driver.executeScript("return window.__bhOpnetFunding(500000)");
        node.utxo((String) funding.get("address"), (String) funding.get("txid"), (String) funding.get("script"), 500_000,
                (String) funding.get("raw"));
    }

    /**
     * Broadcasts the test wallet's newest package to the node (the extension broadcasts to its own node; the test
     * wallet leaves its packages in the page); answers how many packages the page's wallet signed so far.
     */
    static int broadcast(ChromeDriver driver, RpcFixture node) throws Exception {
        @SuppressWarnings("unchecked")
        List<List<String>> sent = (List<List<String>>) driver.executeScript("return window.__bhOpnetBroadcasts");
        node.broadcast(sent.get(sent.size() - 1));
        return sent.size();
    }

    /** README's OPNet access-key rule with an RFC 6979 signature: k = SHA-256("blockhost-access-key" ‖ r ‖ low-s s) mod n. */
    static byte[] accessKey(byte[] secret, String message) throws Exception {
        ECDomainParameters domain = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, secret), domain));
        BigInteger[] rs = signer.generateSignature(sha256(message.getBytes(StandardCharsets.UTF_8)));
        BigInteger s = rs[1].compareTo(CURVE.getN().shiftRight(1)) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
        MessageDigest h = MessageDigest.getInstance("SHA-256");
        h.update("blockhost-access-key".getBytes(StandardCharsets.UTF_8));
        h.update(word(rs[0]));
        h.update(word(s));
        BigInteger k = new BigInteger(1, h.digest()).mod(CURVE.getN());
        return CURVE.getG().multiply(k).normalize().getEncoded(true);
    }

    /**
     * totalSupply 3; tokens 1 and 2 owned by {@code owner} (token t = subscription t), sealed details and keys as given;
     * {@code tokenOfSubscription} answers the tokens in {@code minted} (subscription → token), others not minted.
     */
    private static RpcFixture.Calls credentialDouble(byte[] owner, Map<Long, byte[]> sealed, Map<Long, byte[]> keys, long expiry,
            Map<Long, Long> minted) {
        return (to, data, height) -> {
            String sel = HEX.formatHex(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            String contract = to.replaceFirst("^0x", "");
            if (contract.equals(CRED) && sel.equals(selector("totalSupply()"))) {
                return RpcFixture.returns(word(BigInteger.valueOf(3)));
            }
            if (contract.equals(CRED) && sel.equals(selector("ownerOf(uint256)"))) {
                return RpcFixture.returns(owner);
            }
            if (contract.equals(CRED) && sel.equals(selector("subscriptionOf(uint256)"))) {
                return RpcFixture.returns(word(BigInteger.valueOf(arg)));
            }
            if (contract.equals(CRED) && sel.equals(selector("getCredentials(uint256)"))) {
                return RpcFixture.returns(prefixed(sealed.get(arg)));
            }
            if (contract.equals(CRED) && sel.equals(selector("setAccessKey(uint256,bytes)"))) {
                return RpcFixture.returns(new byte[0]);
            }
            if (contract.equals(CRED) && sel.equals(selector("tokenOfSubscription(uint256)"))) {
                Long token = minted.get(arg);
                return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (token == null ? 0 : 1))
                        .put(word(BigInteger.valueOf(token == null ? 0 : token))).array());
            }
            if (contract.equals(CRED) && sel.equals(selector("getAccessKey(uint256)"))) {
                return RpcFixture.returns(prefixed(keys.get(arg)));
            }
            if (contract.equals(SUBS) && sel.equals(selector("getSubscription(uint256)"))) {
                return RpcFixture.returns(ByteBuffer.allocate(73).put(word(BigInteger.ONE)).put(owner).putLong(expiry)
                        .put((byte) 0).array());
            }
            return null;
        };
    }

    static String selector(String signature) {
        try {
            return HEX.formatHex(Arrays.copyOf(sha256(signature.getBytes(StandardCharsets.UTF_8)), 4));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] prefixed(byte[] value) {
        return ByteBuffer.allocate(4 + value.length).putInt(value.length).put(value).array();
    }

    static byte[] word(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
