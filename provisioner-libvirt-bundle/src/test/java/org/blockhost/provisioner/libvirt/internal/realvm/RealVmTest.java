package org.blockhost.provisioner.libvirt.internal.realvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.libvirt.internal.GuestLogin;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/**
 * A real TCG guest from the real template: libvirtd started here, template with pam_web3 (the
 * {@code .deb} from {@code make -C pam}) built or reused from {@code blockhost.realvm.cache} (default
 * {@code /var/tmp/blockhost-realvm}), create with a loopback SSH forward and login settings, banner,
 * wallet SSH login (owner: {@code id} runs; another wallet: refused), GECOS through the guest agent,
 * suspend (no banner), resume (login works again), destroy. Root only.
 */
@Tag("realvm")
class RealVmTest {
    /** anvil's first and second test accounts: the owner and another wallet. */
    static final String OWNER_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String OTHER_KEY = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String WALLET = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String OTHER_WALLET = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String VM = "blockhost-001";
    static final String TEMPLATE = "debian-12";
    /** The guest's SSH port is 127.0.0.1:(PORT_BASE + 1) = 22001. */
    static final int PORT_BASE = 22000;
    static final GuestLogin LOGIN = GuestLogin.of("127.0.0.1:22001", 31337, "http://127.0.0.1:8080/sign").orElseThrow();
    @TempDir
    Path tmp;

    @Test
    void realGuestLifecycle() throws Exception {
        Host.ensurePackages("libvirt-daemon-system", "libvirt-clients", "qemu-system-x86", "qemu-utils", "genisoimage",
                "debootstrap", "dosfstools", "mtools", "syslinux", "syslinux-common", "fdisk", "openssh-client", "gcc",
                "make", "libpam0g-dev", "libsecp256k1-dev");
        Path cache = Path.of(System.getProperty("blockhost.realvm.cache", "/var/tmp/blockhost-realvm"));
        Path vms = Files.createDirectories(cache.resolve("vms"));
        Path templates = Files.createDirectories(cache.resolve("templates"));
        Measurements m = new Measurements(Path.of("target/realvm.txt"));
        String deb = WalletLogin.stage(WalletLogin.buildPam(), templates);
        try (Libvirtd libvirtd = Libvirtd.start(Files.createDirectories(tmp.resolve("libvirtd")));
                InProcessAgent agent = new InProcessAgent(new AgentConfig(tmp.resolve("keys"), vms, templates,
                        Files.createDirectories(tmp.resolve("state")), "root", libvirtd.uri, null, "blockhost", true,
                        Duration.ofMinutes(5)));
                LibvirtProvisioner p = new LibvirtProvisioner(agent, settings(libvirtd.uri, vms, templates, deb))) {
            p.destroy(VM); // leftovers of an aborted run
            long t0 = System.nanoTime();
            TemplateInfo t = p.buildTemplate(new TemplateSpec(TEMPLATE, List.of()));
            m.add("template " + (t.reused() ? "reused" : "cold build"), System.nanoTime() - t0);
            assertEquals(64, t.sha256().length());
            lifecycle(p, libvirtd.uri, vms, m, new WalletLogin(tmp.resolve("owner"), "owner", OWNER_KEY),
                    new WalletLogin(tmp.resolve("other"), "other", OTHER_KEY));
        }
        m.write();
    }

    private static void lifecycle(LibvirtProvisioner p, String uri, Path vms, Measurements m, WalletLogin owner,
            WalletLogin other) throws Exception {
        assertEquals(WALLET, owner.address());
        long t0 = System.nanoTime();
        VmInfo info = p.create(new VmSpec(VM, WALLET, new PlanResources(1, 1024, 4), TEMPLATE, "user", VM,
                NetworkAllocation.dynamic()));
        assertEquals("127.0.0.1", info.address());
        assertEquals(PORT_BASE + 1, info.sshPort());
        assertNotNull(awaitBanner(info.sshPort(), 600), "SSH banner");
        m.add("create -> SSH banner", System.nanoTime() - t0);
        walletLogins(info.sshPort(), m, owner, other);
        ownerThroughGuestAgent(p, uri);
        m.note("RSS of the running guest (1 GiB, TCG): " + Host.qemuRssKib(VM) / 1024 + " MiB");
        p.suspend(VM);
        assertEquals(VmStatus.SUSPENDED, p.status(VM));
        assertNull(Host.banner(info.sshPort(), 5000), "no banner while paused");
        t0 = System.nanoTime();
        p.resume(VM);
        assertNotNull(awaitBanner(info.sshPort(), 60), "banner again after resume");
        assertTrue(awaitLogin(owner, info.sshPort(), 60).contains("(user)"), "login again after resume");
        m.add("resume -> wallet login OK", System.nanoTime() - t0);
        if (Boolean.getBoolean("blockhost.realvm.rebuild")) { // one more template build (minutes): not in CI's run
            aRebuiltTemplateLeavesTheGuestBooting(p, info.sshPort(), m, owner);
        }
        p.destroy(VM);
        assertEquals(VmStatus.DESTROYED, p.status(VM));
        assertFalse(Files.exists(vms.resolve(VM + ".qcow2")));
        assertFalse(Files.exists(vms.resolve(VM + "-seed.iso")));
    }

    /**
     * H4: rebuilding the guest's template (another recipe: a new content-addressed image becomes
     * current) never touches the image an existing guest's overlay names: the guest, powered off
     * and on again, still boots and takes a wallet login. Rebuilding the original recipe then reuses
     * the kept image (no build) and collects the unused one.
     */
    private static void aRebuiltTemplateLeavesTheGuestBooting(LibvirtProvisioner p, int port, Measurements m,
            WalletLogin owner) throws Exception {
        long t0 = System.nanoTime();
        TemplateInfo rebuilt = p.buildTemplate(new TemplateSpec(TEMPLATE, List.of("less")));
        m.add("template rebuilt with another recipe" + (rebuilt.reused() ? " (reused)" : ""), System.nanoTime() - t0);
        t0 = System.nanoTime();
        p.kill(VM);
        p.start(VM);
        assertNotNull(awaitBanner(port, 300), "SSH banner after the template was rebuilt");
        assertTrue(awaitLogin(owner, port, 180).contains("(user)"), "wallet login on the old image");
        m.add("power cycle after a template rebuild -> wallet login OK", System.nanoTime() - t0);
        TemplateInfo back = p.buildTemplate(new TemplateSpec(TEMPLATE, List.of()));
        assertTrue(back.reused(), "the guest's image was kept, so the original recipe is reused");
        assertNotEquals(rebuilt.sha256(), back.sha256());
    }

    /** The owner logs in and runs {@code id}; another wallet is refused after signing the message. */
    private static void walletLogins(int port, Measurements m, WalletLogin owner, WalletLogin other) throws Exception {
        long t0 = System.nanoTime();
        String id = awaitLogin(owner, port, 180);
        m.add("SSH banner -> wallet login OK (id)", System.nanoTime() - t0);
        assertTrue(id.contains("(user)"), id);
        t0 = System.nanoTime();
        assertNull(other.login(port, "user", "id"), "another wallet is refused");
        m.add("another wallet refused (one attempt)", System.nanoTime() - t0);
        // cloud-init may restart sshd right after the first login: an attempt that never reached the
        // sign-in message proves nothing, so try again (every attempt must still be refused)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!other.sawSignInMessage() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            assertNull(other.login(port, "user", "id"), "another wallet is refused");
        }
        assertTrue(other.sawSignInMessage(), "refused after signing the message, not before");
    }

    /** GECOS as created ({@code nft=0}), then rewritten by setOwner through the guest agent. */
    private static void ownerThroughGuestAgent(LibvirtProvisioner p, String uri) throws Exception {
        Connect c = new Connect(uri, false);
        try {
            GuestAgent ga = new GuestAgent(c, VM);
            await(ga::ping, 180);
            assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + WALLET + ",nft=0:"));
            p.setOwner(VM, new OwnerBinding(WALLET, 42));
            assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + WALLET + ",nft=42:"));
            transferEvictsThePreviousHolder(p, ga);
        } finally {
            c.close();
        }
    }

    /**
     * M5: the holder leaves a process, a crontab and a dotfile; the NFT goes to another wallet and all
     * three are gone (the home is /etc/skel's again); then it comes back to the owner for the rest.
     */
    private static void transferEvictsThePreviousHolder(LibvirtProvisioner p, GuestAgent ga) throws Exception {
        List<String> asUser = List.of("--reuid=user", "--regid=user", "--init-groups");
        ga.spawn("/usr/bin/setpriv", concat(asUser, "/usr/bin/sleep", "9999"));
        ga.exec("/usr/bin/setpriv", concat(asUser, "/usr/bin/touch", "/home/user/.planted"));
        ga.exec("/usr/bin/mkdir", List.of("-p", "/var/spool/cron/crontabs"));
        ga.exec("/usr/bin/cp", List.of("/etc/hostname", "/var/spool/cron/crontabs/user"));
        await(() -> call(() -> !ga.exec("/usr/bin/pgrep", List.of("-u", "user")).isBlank()), 30);
        assertTrue(ga.exec("/usr/bin/ls", List.of("-A", "/home/user")).contains(".planted"));

        p.setOwner(VM, new OwnerBinding(OTHER_WALLET, 43));
        assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + OTHER_WALLET + ",nft=43:"));
        assertEquals("", ga.exec("/usr/bin/pgrep", List.of("-u", "user")).strip(), "the holder's processes are gone");
        assertFalse(ga.exec("/usr/bin/ls", List.of("/var/spool/cron/crontabs")).contains("user"), "crontab removed");
        String home = ga.exec("/usr/bin/ls", List.of("-A", "/home/user"));
        assertFalse(home.contains(".planted"), home);
        assertTrue(home.contains(".bashrc"), "reset from /etc/skel: " + home);

        p.setOwner(VM, new OwnerBinding(WALLET, 42));
        assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + WALLET + ",nft=42:"));
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    static boolean call(java.util.concurrent.Callable<Boolean> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return false;
        }
    }

    static Settings settings(String uri, Path vms, Path templates, String localDeb) {
        return new Settings(uri, vms, templates, "network", "", Optional.empty(), "", PORT_BASE, 4.0, 1.0, 4.0, 0,
                "user", "qemu", true, List.of(localDeb), Optional.of(LOGIN), false);
    }

    /** Output of {@code id} after a wallet login, retried while sshd is still being (re)started by cloud-init. */
    static String awaitLogin(WalletLogin w, int port, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            String out = w.login(port, "user", "id");
            if (out != null) {
                return out;
            }
            assertTrue(System.nanoTime() < deadline, "wallet login did not succeed within " + seconds + " s");
            Thread.sleep(2000);
        }
    }

    static String awaitBanner(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String b = Host.banner(port, 3000);
            if (b != null) {
                return b;
            }
            Thread.sleep(1000);
        }
        return null;
    }

    static void await(java.util.function.BooleanSupplier cond, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(1000);
        }
    }
}
