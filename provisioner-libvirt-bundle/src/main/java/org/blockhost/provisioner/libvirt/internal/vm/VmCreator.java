package org.blockhost.provisioner.libvirt.internal.vm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.capacity.CapacityPolicy;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Create, idempotent per VM name: an existing domain is started and described; otherwise capacity
 * is checked, then overlay, seed, define and start, each a root agent action. An overlay or seed
 * left by an interrupted attempt is reused only when it is complete ({@link Leftovers}); otherwise it
 * is made again. New overlays are based on the template's current image ({@link VmFiles#template}).
 */
public final class VmCreator {
    private static final Logger LOG = LoggerFactory.getLogger(VmCreator.class);
    /** The NFT does not exist yet at create time; set-owner writes the real id after minting. */
    static final String NFT_PENDING = "0";
    private static final long GIB = 1L << 30;
    private final Settings s;
    private final AgentCalls agent;
    private final DomainReader reader;
    private final CapacityPolicy capacity;
    private final Addressing addressing;
    private final VmFiles files;
    private final GuestNetwork guestNet;
    private final Forwards forwards;
    private final ColdPath coldPath;

    public VmCreator(Settings s, AgentCalls agent, DomainReader reader, GuestNetwork guestNet, ColdPath coldPath) {
        this.s = s;
        this.coldPath = coldPath;
        this.guestNet = guestNet;
        this.agent = agent;
        this.reader = reader;
        this.capacity = new CapacityPolicy(s);
        this.addressing = new Addressing(s);
        this.files = new VmFiles(s.vmDir(), s.templateDir());
        this.forwards = new Forwards(s, agent);
    }

    public synchronized VmInfo create(VmSpec spec) throws ProvisionerException {
        String name = spec.name();
        if (!DomainReader.VM_NAME.matcher(name).matches()) {
            throw new ProvisionerException("VM name " + name + " too long for libvirt (at most 9 digits)", false);
        }
        ColdPath.Run timed = coldPath.begin(name);
        Optional<Snapshot> existing = reader.snapshot(name);
        if (existing.isPresent()) {
            LOG.info("create {}: domain exists, ensuring it runs", name);
            agent.vm("vm-start", name);
            guestNet.addRoute(name);
            VmInfo info = addressing.describe(reader.snapshot(name).orElse(existing.get()));
            if (forwards.active() && spec.network().publicPort().isPresent()) {
                int port = spec.network().publicPort().getAsInt();
                forwards.add(name, port, info.address());
                return new VmInfo(name, info.status(), "", port, info.ipv6());
            }
            return info;
        }
        capacity.requireFits(capacity.capacity(reader.usage()), spec.resources());
        boolean pool = spec.ownerWallet().isEmpty();
        Optional<String> engine = pool ? Optional.empty() : Optional.of(Wallets.engineOf(spec.ownerWallet()));
        Addressing.Plan net = addressing.plan(name, spec.network(), reader.list(), pool);
        timed.done(ColdPath.Phase.CHECKS);
        disk(spec);
        timed.done(ColdPath.Phase.OVERLAY);
        seed(spec, engine, net);
        timed.done(ColdPath.Phase.SEED);
        agent.call("vm-define", defineParams(spec, net));
        guestNet.addRoute(name);
        guestNet.isolate(name, net);
        if (forwards.active() && net.sshPort() > 0) {
            forwards.add(name, net.sshPort(), net.poolIpv4().orElse(""));
        }
        timed.done(ColdPath.Phase.DEFINE);
        agent.vm("vm-start", name);
        timed.done(ColdPath.Phase.START);
        LOG.info("created {} ({} vCPU, {} MiB, {} GiB) at {}:{}", name, spec.resources().vcpus(),
                spec.resources().memoryMib(), spec.resources().diskGib(), net.address(), net.sshPort());
        return new VmInfo(name, reader.status(name), net.address(), net.sshPort(), guestNet.ipv6(name).orElse(""));
    }

    private void disk(VmSpec spec) throws ProvisionerException {
        Path overlay = files.overlay(spec.name());
        Path template = files.template(spec.template());
        boolean left = Leftovers.exists(overlay);
        if (left && Leftovers.overlayComplete(overlay, spec.resources().diskGib() * GIB)) {
            LOG.info("create {}: reusing the complete overlay of an interrupted attempt", spec.name());
            return;
        }
        remake(left, overlay, "disk-create", Map.of("template", template.toString(), "overlay", overlay.toString(),
                "size_gib", spec.resources().diskGib()));
    }

    /** Runs a create action; for an incomplete leftover the agent must replace it, or the error says why not. */
    private void remake(boolean left, Path file, String action, Map<String, Object> params) throws ProvisionerException {
        if (!left) {
            agent.call(action, params);
            return;
        }
        LOG.warn("create: {} left by an interrupted attempt is incomplete or not what this create makes: made again", file);
        try {
            agent.call(action, params);
        } catch (ProvisionerException e) {
            throw new ProvisionerException(file.getFileName() + " left by an interrupted create is incomplete and was not "
                    + "replaced (" + e.getMessage() + "); remove it as root or destroy the VM, then retry", e.retryable(), e);
        }
    }

    /** {@code engine} empty: a warm-pool VM, seeded without engine and wallet (nobody can log in yet). */
    private void seed(VmSpec spec, Optional<String> engine, Addressing.Plan net) throws ProvisionerException {
        Path seed = files.seed(spec.name());
        boolean left = Leftovers.exists(seed);
        if (left && Leftovers.seedComplete(seed)) {
            LOG.info("create {}: reusing the complete seed of an interrupted attempt", spec.name());
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("output", files.seed(spec.name()).toString());
        p.put("hostname", spec.name());
        p.put("instance_id", instanceId(spec));
        p.put("user", spec.guestUser());
        engine.ifPresent(e -> {
            p.put("engine", e);
            p.put("wallet", spec.ownerWallet());
        });
        p.put("nft_id", NFT_PENDING);
        p.put("ssh_port", 22);
        p.put("wallet_login", true);
        s.login().ifPresent(l -> {
            p.put("login_host", l.host());
            p.put("login_chain_id", l.chainId());
            p.put("signing_url", l.signingUrl());
        });
        p.put("sudo", s.guestSudo());
        guestNet.seedParams(spec.name(), net, p);
        remake(left, seed, "seed-create", p);
    }

    private Map<String, Object> defineParams(VmSpec spec, Addressing.Plan net) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", spec.name());
        p.put("vcpus", spec.resources().vcpus());
        p.put("memory_mib", spec.resources().memoryMib());
        p.put("disk", files.overlay(spec.name()).toString());
        p.put("seed", files.seed(spec.name()).toString());
        p.put("virt_type", s.virtType());
        p.put("guest_agent", true);
        if (s.hasNic()) {
            p.put("net_type", s.netType());
            p.put("network", s.network());
            net.mac().ifPresent(m -> p.put("mac", m));
        }
        net.loopbackPort().ifPresent(port -> p.put("loopback_ssh_port", port));
        return p;
    }

    private static String instanceId(VmSpec spec) {
        String id = spec.machineId().toLowerCase(java.util.Locale.ROOT);
        return id.matches("[a-z0-9][a-z0-9-]{0,63}") ? id : spec.name();
    }
}
