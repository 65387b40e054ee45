package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;

/**
 * The operator's swap from libvirt to Proxmox VE on a running {@code blockhost dev} (no restart), as
 * the Proxmox provisioner's README describes it, against the schema-checked loopback PVE double
 * (the Proxmox bundle's test-jar): configure the PID and the token key file, point readiness at
 * {@code proxmox}, delete the libvirt jar, drop the Proxmox jar (temporary name + rename). The next
 * purchase is cloned and started on the double; the VM libvirt made keeps its record, is refused
 * to the operator with the reason, and nothing about it reaches Proxmox. Then a warm-pool purchase on
 * Proxmox ({@link #warmPurchase}).
 */
final class ProvisionerSwapChecks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int TEMPLATE = 9000;
    private static final int VMID_BASE = 100000;

    private ProvisionerSwapChecks() {
    }

    /** {@code firstVm} was made by libvirt before the swap (e.g. {@code blockhost-001}). */
    static void swapToProxmox(DevStack dev, Path tmp, String firstVm) throws Exception {
        try (PveTestServer pve = new PveTestServer()) {
            pve.cluster.node("pve1", 8, 16384, 500);
            pve.cluster.template("pve1", TEMPLATE, "debian-12", "ab".repeat(32));
            long t0 = System.nanoTime();
            configure(dev.home(), pve, tmp);
            Path plugins = dev.home().resolve("plugins");
            Files.delete(plugins.resolve("provisioner-libvirt.jar"));
            Path part = plugins.resolve(".provisioner-proxmox.jar.part");
            Files.copy(proxmoxJar(), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, plugins.resolve("provisioner-proxmox.jar"), StandardCopyOption.ATOMIC_MOVE);
            String ops = dev.field("httpUrl");
            await(Duration.ofSeconds(60), () -> {
                String ready = get(ops + "/ready").replaceAll("\\s", "");
                return ready.contains("\"ready\":true") && ready.contains("\"provisioner\":\"proxmox\"") && !ready.contains("libvirt");
            }, () -> "/ready names proxmox alone: " + get(ops + "/ready"));
            System.out.printf("provisioner swap: libvirt jar out, proxmox jar in, /ready 200 naming proxmox after %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            String list = cli(dev, "plugins", "--json").output().replaceAll("\\s", "");
            assertTrue(list.contains("\"id\":\"proxmox\"") && !list.contains("\"id\":\"libvirt\""),
                    "blockhost plugins lists proxmox, not libvirt: " + list);

            RuntimeProcess.CliResult buy = cli(dev, "demo", "buy", "--json");
            assertEquals(0, buy.exit(), buy.output());
            String second = VmName.of(buy.output());
            assertNotEquals(firstVm, second);
            int vmid = VMID_BASE + Integer.parseInt(second.substring("blockhost-".length()));
            assertNotNull(pve.cluster.vm(vmid), "the double holds " + second + " as VMID " + vmid);
            assertEquals("running", pve.cluster.vm(vmid).status(), "started on Proxmox");
            List<String> requests = pve.requests();
            assertTrue(requests.stream().anyMatch(r -> r.startsWith("POST /api2/json/nodes/pve1/qemu/" + TEMPLATE + "/clone")),
                    "linked clone of the template: " + requests);
            assertTrue(requests.stream().anyMatch(r -> r.startsWith("POST /api2/json/nodes/pve1/qemu/" + vmid + "/status/start")),
                    "start: " + requests);
            await(Duration.ofSeconds(30), () -> String.valueOf(pve.cluster.vm(vmid).gecos()).startsWith("wallet="),
                    () -> "owner set through the guest agent: " + pve.cluster.vm(vmid).gecos());
            System.out.printf("provisioner swap: purchase on Proxmox (clone, config, start, owner) %d ms after the swap%n",
                    (System.nanoTime() - t0) / 1_000_000);

            String shown = cli(dev, "vm", "--json", "show", firstVm).output();
            assertTrue(shown.replaceAll("\\s", "").contains("\"provisioner\":\"libvirt\"") && shown.contains("\"active\""),
                    "the first VM's record still names libvirt and it is left as it was: " + shown);
            assertTrue(cli(dev, "vm", "--json", "show", second).output().replaceAll("\\s", "").contains("\"provisioner\":\"proxmox\""));
            RuntimeProcess.CliResult refused = cli(dev, "vm", "--force-paid", "suspend", firstVm);
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("made by provisioner libvirt, which is not active"), refused.output());
            String old = "/" + (VMID_BASE + Integer.parseInt(firstVm.substring("blockhost-".length())));
            assertTrue(pve.requests().stream().noneMatch(r -> r.contains(old + "/") || r.endsWith(old)),
                    "nothing about " + firstVm + " was sent to Proxmox: " + pve.requests());
            warmPurchase(dev, pve, t0);
            assertEquals(List.of(), pve.violations(), "every request the runtime sent is valid for the PVE API schema");
        }
    }

    /**
     * Core's warm pool on Proxmox: plan 1 keeps one VM, made owner-less on the double and ready once
     * its guest agent reports the first boot; the next purchase is served by it through
     * {@code assign} (guest agent calls only): machine id as host name and PVE tag, new host keys
     * served by a restarted sshd, then the owner's GECOS. The pool is then checked hourly (no refill).
     */
    private static void warmPurchase(DevStack dev, PveTestServer pve, long t0) throws Exception {
        writeCfg(dev.home().resolve("etc"), "org.blockhost.core.pool", "sizes=1:1\ncheckSeconds=1\n");
        String[] pooled = new String[1];
        await(Duration.ofSeconds(60), () -> (pooled[0] = readyPoolVm(dev)) != null,
                () -> "a ready pool VM on Proxmox: " + poolList(dev));
        writeCfg(dev.home().resolve("etc"), "org.blockhost.core.pool", "sizes=1:1\ncheckSeconds=3600\n");
        org.blockhost.provisioner.proxmox.internal.sim.SimVm vm =
                pve.cluster.vm(VMID_BASE + Integer.parseInt(pooled[0].substring("blockhost-".length())));
        String poolKey = vm.sshdKey();
        long t1 = System.nanoTime();
        RuntimeProcess.CliResult buy = cli(dev, "demo", "buy", "--json");
        assertEquals(0, buy.exit(), buy.output());
        assertEquals(pooled[0], VmName.of(buy.output()), "served from the pool: " + buy.output());
        await(Duration.ofSeconds(30), () -> String.valueOf(vm.gecos()).startsWith("wallet="),
                () -> "owner set on the assigned pool VM: " + vm.gecos());
        String machine = String.valueOf(vm.config().get("tags"));
        assertTrue(machine.matches("blockhost-[0-9]{3,8}") && machine.equals(vm.hostname()),
                "the machine id is the host name and the PVE tag: " + machine + " / " + vm.hostname());
        assertEquals(pooled[0], vm.config().get("name"), "the PVE name stays the pool name");
        assertNotEquals(poolKey, vm.sshdKey(), "new host keys, served by the restarted sshd");
        assertTrue(vm.files().getOrDefault("/etc/hosts", "").contains("\t" + machine + "\n"), vm.files().get("/etc/hosts"));
        System.out.printf("provisioner swap: warm purchase on Proxmox (assign + owner) in %d ms; %d ms after the swap%n",
                (System.nanoTime() - t1) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The name of a {@code ready} pool VM in {@code vm list --pool --json}, or null. */
    private static String readyPoolVm(DevStack dev) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\"name\"\\s*:\\s*\"(blockhost-9[0-9]+)\"[^}]*\"state\"\\s*:\\s*\"ready\"").matcher(poolList(dev));
        return m.find() ? m.group(1) : null;
    }

    private static String poolList(DevStack dev) {
        try {
            return cli(dev, "vm", "list", "--pool", "--json").output();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The operator's steps before the jars change: token key file, the PID, readiness. */
    private static void configure(Path home, PveTestServer pve, Path tmp) throws Exception {
        Path etc = home.resolve("etc");
        Path key = etc.resolve("keys/proxmox-token.key");
        Files.createDirectories(key.getParent());
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.writeString(key, PveTestServer.SECRET + "\n");
        Path ca = pve.pki.writeCa(tmp.resolve("pve-root-ca.pem"));
        writeCfg(etc, "org.blockhost.provisioner.proxmox", "apiUrl=" + pve.url() + "\ntokenId=" + PveTestServer.TOKEN_ID
                + "\ntokenSecretFile=" + key + "\ncaFile=" + ca + "\nnodeReservedMemoryMib=1024\ntemplateImageDir="
                + Files.createDirectories(tmp.resolve("pve-templates")) + "\n");
        writeCfg(etc, "org.blockhost.core.readiness", "engine=evm\nprovisioner=proxmox\n");
    }

    private static void writeCfg(Path etc, String pid, String text) throws IOException {
        Path part = etc.resolve("." + pid + ".cfg.part");
        Files.writeString(part, text);
        Files.move(part, etc.resolve(pid + ".cfg"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path proxmoxJar() throws IOException {
        Path target = RuntimeProcess.ROOT.resolve("provisioner-proxmox-bundle/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("org\\.blockhost\\.provisioner\\.proxmox-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("build provisioner-proxmox-bundle first (" + target + ")"));
        }
    }

    private static RuntimeProcess.CliResult cli(DevStack dev, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", dev.home().toString()));
        return RuntimeProcess.CliResult.run(cmd);
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static void await(Duration timeout, BooleanSupplier done, java.util.function.Supplier<String> why)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(why.get());
            }
            Thread.sleep(250);
        }
    }

    /** The VM name in {@code demo buy --json}. */
    private static final class VmName {
        static String of(String json) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"vm\"\\s*:\\s*\"(blockhost-[0-9]+)\"").matcher(json);
            assertTrue(m.find(), json);
            return m.group(1);
        }
    }
}
