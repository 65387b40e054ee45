package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.PamSettings;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Warm-pool assign through the PVE API only (what the libvirt provisioner's root agent action
 * {@code vm-assign} does): the buyer's machine id becomes a tag of the PVE VM (its PVE name stays the
 * pool name, which is how every call finds it), then through the QEMU guest agent
 * ({@code file-write}, {@code exec} with fixed argument vectors, {@code file-read}): host name,
 * {@code /etc/hosts}, a cloud-init drop-in keeping the host name, {@code /etc/pam_web3.conf} with the
 * machine id, the pool's SSH host keys removed and new ones made, sshd restarted; answers the new
 * ed25519 host key. Every step is safe to repeat, so a retry after a crash anywhere redoes the lot.
 * A guest agent that does not answer (HTTP 5xx) is retryable; a refused buyer, a VM that is not
 * running or a guest command that fails is not (core destroys the pool VM and goes cold).
 */
public final class GuestAssign {
    static final String CLOUD_DROPIN = "/etc/cloud/cloud.cfg.d/90-blockhost-assigned.cfg";
    static final String PAM_CONF = "/etc/pam_web3.conf";
    static final List<String> KEY_TYPES = List.of("rsa", "ecdsa", "ed25519");
    private static final Pattern WALLET = Pattern.compile("[0-9A-Za-z]{1,128}");
    private static final Pattern MACHINE_TAG = Pattern.compile("blockhost-[0-9]{3,18}");
    private final Guests guests;
    private final GuestOwner agent;
    private final Optional<PamSettings> login;

    public GuestAssign(Guests guests, GuestOwner agent, Optional<PamSettings> login) {
        this.guests = guests;
        this.agent = agent;
        this.login = login;
    }

    /** Makes the running pool VM the buyer's; answers its new ed25519 host key line. */
    public String assign(Guests.Located g, VmSpec buyer) throws ProvisionerException, PveException {
        String host = buyer.machineId();
        if (!MACHINE_TAG.matcher(host).matches()) {
            throw new ProvisionerException("machine id " + host + " is not a BlockHost VM host name", false);
        }
        if (!WALLET.matcher(buyer.ownerWallet()).matches()) {
            throw new ProvisionerException("assign " + buyer.name() + ": no buyer wallet", false);
        }
        if (guests.status(g) != VmStatus.ACTIVE) {
            throw new ProvisionerException("pool VM " + buyer.name() + " is not running", false);
        }
        JsonNode config = guests.config(g);
        checkNetwork(config, buyer);
        guests.configure(g, Params.of().add("tags", tags(config.path("tags").asText(""), host)));
        guests.fileWrite(g, "/etc/hostname", host + "\n");
        agent.run(g, command("/usr/bin/hostname", host), false);
        guests.fileWrite(g, "/etc/hosts", hosts(host));
        // user-data's hostname (the pool name, PVE's VM name) must not come back at the next boot
        guests.fileWrite(g, CLOUD_DROPIN, "preserve_hostname: true\n");
        if (login.isPresent()) {
            guests.fileWrite(g, PAM_CONF, login.get().conf(host));
        }
        for (GuestOwner.Command c : keys()) {
            agent.run(g, c, false);
        }
        String key = GuestReady.hostKey(guests.fileRead(g, GuestReady.HOST_KEY));
        if (key.isEmpty()) {
            throw new ProvisionerException("pool VM " + buyer.name() + " made no ed25519 host key", false);
        }
        return key;
    }

    /** The machine id an assigned VM carries as its tag, else the VM's own name. */
    public static String machineOf(JsonNode config, String name) {
        return Arrays.stream(config.path("tags").asText("").split("[,; ]+"))
                .filter(t -> MACHINE_TAG.matcher(t).matches()).findFirst().orElse(name);
    }

    /** The VM's tags without an earlier machine id, plus this one. */
    static String tags(String current, String host) {
        List<String> out = new ArrayList<>();
        for (String t : current.split("[,; ]+")) {
            if (!t.isEmpty() && !MACHINE_TAG.matcher(t).matches()) {
                out.add(t);
            }
        }
        out.add(host);
        return String.join(";", out);
    }

    /** Addresses are set at create ({@code ipconfig0}); a buyer allocation naming others cannot be served warm. */
    private static void checkNetwork(JsonNode config, VmSpec buyer) throws ProvisionerException {
        String ipconfig = config.path("ipconfig0").asText("");
        Optional<String> v4 = buyer.network().ipv4();
        Optional<String> v6 = buyer.network().ipv6();
        if (v4.isPresent() && !v4.get().equals(Templates.address(config))
                || v6.isPresent() && !Arrays.asList(ipconfig.split(",")).contains("ip6=" + v6.get() + "/128")) {
            throw new ProvisionerException("pool VM " + buyer.name() + " has other addresses than the buyer's allocation", false);
        }
    }

    /** The pool's host keys removed, new ones made, sshd restarted (it serves the new ones). */
    static List<GuestOwner.Command> keys() {
        List<String> rm = new ArrayList<>(List.of("/usr/bin/rm", "-f"));
        KEY_TYPES.forEach(t -> {
            rm.add("/etc/ssh/ssh_host_" + t + "_key");
            rm.add("/etc/ssh/ssh_host_" + t + "_key.pub");
        });
        return List.of(new GuestOwner.Command(rm, null, Set.of(0)), command("/usr/bin/ssh-keygen", "-A"),
                command("/usr/bin/systemctl", "restart", "ssh"));
    }

    private static GuestOwner.Command command(String... argv) {
        return GuestOwner.Command.of(Set.of(0), argv);
    }

    static String hosts(String host) {
        return "127.0.0.1\tlocalhost\n127.0.1.1\t" + host + "\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
    }
}
