package org.blockhost.provisioner.libvirt.internal.vm;

import java.nio.file.Files;
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
 * is checked, then overlay, seed, define and start, each a root agent action. Files left by an
 * interrupted attempt are reused.
 */
public final class VmCreator {
    private static final Logger LOG = LoggerFactory.getLogger(VmCreator.class);
    /** The NFT does not exist yet at create time; set-owner writes the real id after minting. */
    static final String NFT_PENDING = "0";
    private final Settings s;
    private final AgentCalls agent;
    private final DomainReader reader;
    private final CapacityPolicy capacity;
    private final Addressing addressing;
    private final VmFiles files;
    private final GuestNetwork guestNet;

    public VmCreator(Settings s, AgentCalls agent, DomainReader reader, GuestNetwork guestNet) {
        this.s = s;
        this.guestNet = guestNet;
        this.agent = agent;
        this.reader = reader;
        this.capacity = new CapacityPolicy(s);
        this.addressing = new Addressing(s);
        this.files = new VmFiles(s.vmDir(), s.templateDir());
    }

    public synchronized VmInfo create(VmSpec spec) throws ProvisionerException {
        String name = spec.name();
        if (!DomainReader.VM_NAME.matcher(name).matches()) {
            throw new ProvisionerException("VM name " + name + " too long for libvirt (at most 9 digits)", false);
        }
        Optional<Snapshot> existing = reader.snapshot(name);
        if (existing.isPresent()) {
            LOG.info("create {}: domain exists, ensuring it runs", name);
            agent.vm("vm-start", name);
            return addressing.describe(reader.snapshot(name).orElse(existing.get()));
        }
        capacity.requireFits(capacity.capacity(reader.usage()), spec.resources());
        String engine = Wallets.engineOf(spec.ownerWallet());
        Addressing.Plan net = addressing.plan(name, spec.network(), reader.list());
        disk(spec);
        seed(spec, engine, net);
        agent.call("vm-define", defineParams(spec, net));
        guestNet.addRoute(name);
        agent.vm("vm-start", name);
        LOG.info("created {} ({} vCPU, {} MiB, {} GiB) at {}:{}", name, spec.resources().vcpus(),
                spec.resources().memoryMib(), spec.resources().diskGib(), net.address(), net.sshPort());
        return new VmInfo(name, reader.status(name), net.address(), net.sshPort());
    }

    private void disk(VmSpec spec) throws ProvisionerException {
        if (Files.exists(files.overlay(spec.name()))) {
            return;
        }
        agent.call("disk-create", Map.of("template", files.template(spec.template()).toString(),
                "overlay", files.overlay(spec.name()).toString(), "size_gib", spec.resources().diskGib()));
    }

    private void seed(VmSpec spec, String engine, Addressing.Plan net) throws ProvisionerException {
        if (Files.exists(files.seed(spec.name()))) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("output", files.seed(spec.name()).toString());
        p.put("hostname", spec.name());
        p.put("instance_id", instanceId(spec));
        p.put("user", spec.guestUser());
        p.put("engine", engine);
        p.put("wallet", spec.ownerWallet());
        p.put("nft_id", NFT_PENDING);
        p.put("ssh_port", 22);
        p.put("wallet_login", true);
        s.login().ifPresent(l -> {
            p.put("login_host", l.host());
            p.put("login_chain_id", l.chainId());
            p.put("signing_url", l.signingUrl());
        });
        guestNet.seedParams(spec.name(), net, p);
        agent.call("seed-create", p);
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
