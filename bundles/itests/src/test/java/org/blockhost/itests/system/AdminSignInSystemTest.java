package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;
import org.blockhost.crypto.api.SiweMessage;

/**
 * The admin wallet sign-in on {@code blockhost dev} over HTTPS (the certificate pinned to the served
 * fingerprint): the holder of token #0 gets a session, another wallet 403, a replayed message 401;
 * after {@code transferFrom} of token #0 the new holder gets in, the old one is refused and the old
 * one's session answers 401, within 60 s. No test of its own: {@link AdminConsoleSystemTest} runs
 * {@link #onlyTheCurrentHolderOfTheAdminCredentialSignsIn} last on its stack (one DevStack for both;
 * the transfer takes the console away from the admin wallet). Also the sign-in helpers other system
 * tests use.
 */
final class AdminSignInSystemTest {
    private AdminSignInSystemTest() {
    }

    /** {@code http} is pinned to the certificate {@code dev} serves now; token #0 is still the admin wallet's. */
    static void onlyTheCurrentHolderOfTheAdminCredentialSignsIn(DevStack dev, HttpClient http) throws Exception {
        String base = dev.field("httpsUrl");
        byte[] adminKey = Hex.decode(Files.readString(Path.of(dev.field("adminKeyFile"))).trim());
        byte[] otherKey = Secp256k1.generatePrivateKey();

        Signed admin = sign(http, base, adminKey);
        HttpResponse<String> in = login(http, base, admin);
        assertEquals(200, in.statusCode(), in.body());
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("bh_admin=") && cookie.contains("Path=/admin") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict") && cookie.contains("Secure"), cookie);
        String session = cookie.split(";", 2)[0];
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/session"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().toLowerCase(Locale.ROOT).contains(dev.field("adminWallet").toLowerCase(Locale.ROOT)), me.body());
        String csrf = field(me.body(), "csrf");
        assertEquals(401, login(http, base, admin).statusCode(), "a replayed message");
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/logout"))
                .header("Cookie", session).header("Origin", base).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noToken.statusCode(), "logout without the CSRF token");
        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/logout"))
                .header("Cookie", session).header("Origin", base).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, out.statusCode(), out.body());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/session"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        assertEquals(403, login(http, base, sign(http, base, otherKey)).statusCode(), "another wallet");
        Signed forged = sign(http, base, adminKey);
        Signed mismatch = new Signed(forged.message(), sign(http, base, otherKey).signature());
        assertEquals(401, login(http, base, mismatch).statusCode(), "signature by another key");

        String oldSession = login(http, base, sign(http, base, adminKey)).headers().firstValue("Set-Cookie").orElseThrow()
                .split(";", 2)[0];
        assertEquals(200, sessionStatus(http, base, oldSession), "the holder's session before the transfer");
        transferAdminCredential(dev, Address.fromPrivateKey(otherKey).toChecksumString());
        long t0 = System.nanoTime();
        int otherStatus = 0;
        int adminStatus = 0;
        int oldSessionStatus = 0;
        while (System.nanoTime() - t0 < Duration.ofSeconds(66).toNanos()) { // 60 s cache + polling
            otherStatus = login(http, base, sign(http, base, otherKey)).statusCode();
            adminStatus = login(http, base, sign(http, base, adminKey)).statusCode();
            oldSessionStatus = sessionStatus(http, base, oldSession);
            if (otherStatus == 200 && adminStatus == 403 && oldSessionStatus == 401) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.printf("admin sign-in follows the transfer of token #0 after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(200, otherStatus, "the new holder signs in within 60 s");
        assertEquals(403, adminStatus, "the old holder is refused within 60 s");
        assertEquals(401, oldSessionStatus, "the old holder's session stops working within 60 s");
    }

    private static int sessionStatus(HttpClient http, String base, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/session")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    record Signed(String message, String signature) {
    }

    static Signed sign(HttpClient http, String base, byte[] key) throws Exception {
        HttpResponse<String> nonce = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/nonce")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, nonce.statusCode(), nonce.body());
        URI uri = URI.create(base);
        String message = SiweMessage.builder().scheme("https").domain(uri.getHost() + ":" + uri.getPort())
                .address(Address.fromPrivateKey(key).toChecksumString())
                .statement("Sign in to the BlockHost admin console. It costs nothing and sends no transaction.")
                .uri(base + "/admin/").version("1").chainId(31337).nonce(field(nonce.body(), "nonce"))
                .issuedAt(Instant.now()).expirationTime(Instant.now().plusSeconds(300)).build().toMessage();
        return new Signed(message, "0x" + PersonalSign.sign(key, message).toHex());
    }

    static HttpResponse<String> login(HttpClient http, String base, Signed s) throws Exception {
        String body = "{\"message\":\"" + s.message().replace("\n", "\\n") + "\",\"signature\":\"" + s.signature() + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/login")).header("Origin", base)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** transferFrom(admin, to, 0) sent as the admin wallet (anvil impersonation; funded for gas). */
    private static void transferAdminCredential(DevStack dev, String to) throws Exception {
        String admin = dev.field("adminWallet");
        rpcRaw(dev, "anvil_setBalance", "[\"" + admin + "\",\"0x56bc75e2d63100000\"]");
        rpcRaw(dev, "anvil_impersonateAccount", "[\"" + admin + "\"]");
        String data = "0x23b872dd" + word(admin) + word(to) + "0".repeat(64);
        dev.rpc("eth_sendTransaction", "[{\"from\":\"" + admin + "\",\"to\":\"" + dev.field("credential") + "\",\"data\":\"" + data + "\"}]");
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String owner = "";
        while (System.nanoTime() < end) {
            owner = dev.rpc("eth_call", "[{\"to\":\"" + dev.field("credential") + "\",\"data\":\"0x6352211e" + "0".repeat(64)
                    + "\"},\"latest\"]");
            if (owner.toLowerCase(Locale.ROOT).endsWith(to.substring(2).toLowerCase(Locale.ROOT))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("token #0 was not transferred: owner " + owner);
    }

    private static void rpcRaw(DevStack dev, String method, String params) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dev.field("rpcUrl")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    /** An HTTPS client that trusts exactly the certificate whose SHA-256 fingerprint dev.json names. */
    static HttpClient pinnedClient(String base, String fingerprint) throws Exception {
        URI uri = URI.create(base);
        AtomicReference<X509Certificate> served = new AtomicReference<>();
        SSLContext probe = SSLContext.getInstance("TLS");
        probe.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                served.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) probe.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            s.startHandshake();
        }
        assertEquals(fingerprint, HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(served.get().getEncoded())));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("blockhost", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(served.get().getEncoded())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
