package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.demo.VmAccess;

/**
 * A buyer's first SSH login with nothing but ssh and a browser: the VM's host key checked against
 * what {@code /servers} shows, pam_web3's signing link opened and signed on {@code /sign}.
 */
final class BrowserLogin {
    /** The signing link pam_web3 prints: this host's {@code /sign} with the message in the query. */
    private static final Pattern SIGNING_LINK = Pattern.compile("https://\\S+/sign\\?message=\\S+");

    private BrowserLogin() {
    }

    /**
     * The guest's ed25519 host key in the sealed details (what {@code /servers} shows as fingerprint and
     * {@code known_hosts} line) is the key sshd presents through the forwarded port; what ssh-keyscan saw.
     */
    static String sealedHostKeyIsTheOneSshSees(VmAccess access) throws IOException, InterruptedException {
        String[] sealed = Stack.JSON.readTree(access.json()).path("hostKey").asText().split(" ");
        assertTrue(sealed.length >= 2 && "ssh-ed25519".equals(sealed[0]), "hostKey in the NFT: " + access.json());
        String seen = RealGuest.run("ssh-keyscan", "-t", "ed25519", "-p", Integer.toString(access.port()), access.host());
        assertTrue(seen.contains("ssh-ed25519 " + sealed[1]), "ssh sees " + seen + " but the NFT says " + sealed[1]);
        return seen;
    }

    /**
     * {@code /servers} shows the fingerprint {@code ssh-keygen} computes from the key ssh sees, and a
     * {@code known_hosts} line for the forwarded port with that key; the line is written to a file in
     * {@code dir} that the login then checks strictly. The file.
     */
    static Path serversPageShowsThatKey(Path dir, BrowserBuyer.Details page, VmAccess access, String seen)
            throws IOException, InterruptedException {
        Path scanned = dir.resolve("keyscan");
        Files.writeString(scanned, seen);
        String fingerprint = RealGuest.run("ssh-keygen", "-l", "-E", "sha256", "-f", scanned.toString());
        assertTrue(fingerprint.contains(" " + page.fingerprint() + " "), "/servers shows " + page.fingerprint()
                + ", ssh-keygen of what ssh sees: " + fingerprint);
        String key = seen.lines().filter(l -> l.contains(" ssh-ed25519 ")).findFirst().orElseThrow().split(" ", 2)[1];
        assertEquals("[" + access.host() + "]:" + access.port() + " " + key.strip(), page.knownHostsLine(),
                "the known_hosts line on /servers");
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, page.knownHostsLine() + "\n");
        return knownHosts;
    }

    /**
     * {@code ssh ... id} to the forwarded port with keyboard-interactive, host key checked against
     * {@code knownHosts}: the wallet's address at {@code Wallet address:}, then the signing link from
     * the prompt opened in the browser, signed there, the signature pasted at {@code Signature:}.
     * Retried for a minute while no signing prompt came (cloud-init restarts sshd once).
     */
    static PromptedSsh.Result login(Path dir, BrowserBuyer buyer, VmAccess access, Path knownHosts, String address,
            Duration timeout) throws IOException, InterruptedException {
        PromptedSsh.Answers answers = prompt -> {
            if (prompt.contains("Wallet address:")) {
                return address;
            }
            Matcher link = SIGNING_LINK.matcher(prompt);
            assertTrue(prompt.contains("Signature:") && link.find(), "pam_web3's signing prompt with a link: " + prompt);
            return buyer.sign(link.group(), "realvm-sign");
        };
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PromptedSsh.Result r = PromptedSsh.run(dir, knownHosts, access.host(), access.port(), access.user(), answers, timeout, "id");
        while (r.exit() != 0 && !r.prompted("Signature:") && System.nanoTime() < end) {
            Thread.sleep(2000);
            r = PromptedSsh.run(dir, knownHosts, access.host(), access.port(), access.user(), answers, timeout, "id");
        }
        return r;
    }
}
