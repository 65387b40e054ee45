package org.blockhost.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Whether an SSH server answers with its banner: the "SSH ready" end of the real-VM timing. */
final class SshProbe {
    private SshProbe() {
    }

    /** True when {@code host:port} sends a line starting {@code SSH-} within {@code timeout}. */
    static boolean banner(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(4);
            return "SSH-".equals(new String(head, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the banner comes; returns the {@link System#nanoTime()} it did. */
    static long awaitBanner(String host, int port, Duration timeout) throws InterruptedException {
        return awaitBanner(host, port, timeout, Duration.ofMillis(500));
    }

    /** Waits until the banner comes, probing every {@code every}; returns the {@link System#nanoTime()} it did. */
    static long awaitBanner(String host, int port, Duration timeout, Duration every) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (banner(host, port, Duration.ofSeconds(3))) {
                return System.nanoTime();
            }
            Thread.sleep(every.toMillis());
        }
        throw new AssertionError("no SSH banner on " + host + ":" + port + " within " + timeout);
    }

    /** Waits until the banner stops coming (suspended or destroyed guest). */
    static void awaitSilence(String host, int port, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (banner(host, port, Duration.ofSeconds(3))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("SSH on " + host + ":" + port + " still answers after " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
