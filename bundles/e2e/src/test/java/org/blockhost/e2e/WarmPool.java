package org.blockhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Core's warm pool in a dev stack: its {@code .cfg} (plan 1, one VM) and what {@code vm list --pool --json} says. */
final class WarmPool {
    /** The first pool VM of a fresh store (core's {@code PoolStore.NAME}, row id 1). */
    static final String FIRST = "blockhost-900000001";
    private static final Pattern IPV4 = Pattern.compile("ipv4\\s+(10\\.[0-9.]+)/");

    private WarmPool() {
    }

    /**
     * Plan 1 keeps one booted VM, checked every {@code checkSeconds} (written under a hidden name and
     * renamed: FileInstall reads it whole; a change re-activates the pool component).
     */
    static void configure(Path home, int checkSeconds) throws IOException {
        configure(home, 1, checkSeconds);
    }

    /** Plan 1 keeps {@code size} booted VMs (0: no pool, purchases take the cold path). */
    static void configure(Path home, int size, int checkSeconds) throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Path part = home.resolve("etc/.pool.part");
        Files.writeString(part, "sizes=1:" + size + "\ncheckSeconds=" + checkSeconds + "\n");
        Files.move(part, home.resolve("etc/org.blockhost.core.pool.cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code vm list --pool --json}. */
    static JsonNode list(Stack stack) throws IOException, InterruptedException {
        return stack.cli("vm", "list", "--pool", "--json").json();
    }

    /** Waits until the pool has a {@code ready} VM of plan 1 (its first boot finished); its name. */
    static String awaitReady(Stack stack, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Cli.Result r = stack.cli("vm", "list", "--pool", "--json");
            if (r.exit() == 0) {
                last = r.json();
                for (JsonNode vm : last.path("vms")) {
                    if ("ready".equals(vm.path("state").asText()) && vm.path("plan").asLong() == 1) {
                        return vm.path("name").asText();
                    }
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no ready pool VM within " + timeout + "; last seen: " + last + "\n"
                + Stack.tail(stack.home, 30));
    }

    /** How many pool VMs of plan 1 are in {@code state} ({@code counts} of {@code vm list --pool --json}). */
    static long count(Stack stack, String state) throws IOException, InterruptedException {
        return list(stack).path("counts").path("1").path(state).asLong();
    }

    /**
     * The ed25519 host key sshd of the pool VM presents on its private address (asked through the guest
     * agent with {@code virsh domifaddr --source agent}); the host reaches the VMs' network directly.
     */
    static String hostKey(String vm) throws IOException, InterruptedException {
        String addresses = RealGuest.run("virsh", "-q", "-c", "qemu:///system", "domifaddr", vm, "--source", "agent");
        Matcher m = IPV4.matcher(addresses);
        if (!m.find()) {
            throw new AssertionError("no private IPv4 address of " + vm + " from its guest agent: " + addresses);
        }
        String seen = RealGuest.run("ssh-keyscan", "-t", "ed25519", m.group(1));
        Matcher key = Pattern.compile("ssh-ed25519 (\\S+)").matcher(seen);
        if (!key.find()) {
            throw new AssertionError("ssh-keyscan of " + vm + " at " + m.group(1) + " saw no ed25519 key: " + seen);
        }
        return key.group(1);
    }
}
