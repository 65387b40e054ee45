package org.blockhost.provisioner.proxmox.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmMetrics;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterView;
import org.blockhost.provisioner.proxmox.internal.vm.Errors;
import org.blockhost.provisioner.proxmox.internal.vm.ExpiryNotices;
import org.blockhost.provisioner.proxmox.internal.vm.GuestAssign;
import org.blockhost.provisioner.proxmox.internal.vm.GuestOwner;
import org.blockhost.provisioner.proxmox.internal.vm.GuestReady;
import org.blockhost.provisioner.proxmox.internal.vm.Guests;
import org.blockhost.provisioner.proxmox.internal.vm.Placement;
import org.blockhost.provisioner.proxmox.internal.vm.Power;
import org.blockhost.provisioner.proxmox.internal.vm.TemplateImport;
import org.blockhost.provisioner.proxmox.internal.vm.Templates;
import org.blockhost.provisioner.proxmox.internal.vm.VmCreator;
import org.blockhost.provisioner.proxmox.internal.vm.VmIds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Proxmox VE provisioner: VMs on a PVE cluster through its REST API with an API token. Active
 * only once configured (PID {@value ProxmoxConfig#PID}).
 */
@Component(service = Provisioner.class, configurationPid = ProxmoxConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProxmoxConfig.class)
@ProvisionerId(ProxmoxProvisioner.ID)
public final class ProxmoxProvisioner implements Provisioner {
    public static final String ID = "proxmox";
    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxProvisioner.class);
    private final Settings settings;
    private final PveClient pve;
    private final Guests guests;
    private final Power power;
    private final VmIds ids;
    private final VmCreator creator;
    private final GuestOwner owner;
    private final TemplateImport importer;
    private final ExpiryNotices notices;
    private final GuestAssign assigner;
    private final GuestReady ready;

    @Activate
    public ProxmoxProvisioner(ProxmoxConfig config) throws IOException, GeneralSecurityException {
        this(Settings.from(config));
    }

    public ProxmoxProvisioner(Settings settings) throws IOException, GeneralSecurityException {
        this.settings = settings;
        this.pve = Connection.open(settings);
        this.guests = new Guests(pve, Connection.tasks(pve, settings));
        this.power = new Power(guests);
        this.ids = new VmIds(settings.vmidBase());
        this.creator = new VmCreator(settings, pve, guests, power);
        this.owner = new GuestOwner(guests, settings.taskTimeout(), settings.login());
        this.importer = new TemplateImport(settings, pve, Connection.tasks(pve, settings));
        this.notices = new ExpiryNotices(owner);
        this.assigner = new GuestAssign(guests, owner, settings.login());
        this.ready = new GuestReady(guests);
    }

    @Override public String id() { return ID; }

    @Override
    public VmInfo create(VmSpec spec) throws ProvisionerException {
        return creator.create(spec);
    }

    @Override public void start(String name) throws ProvisionerException { act("start", name, at -> power.run(at, name)); }
    @Override public void resume(String name) throws ProvisionerException { start(name); }
    @Override public void stop(String name) throws ProvisionerException { act("stop", name, power::stop); }
    @Override public void kill(String name) throws ProvisionerException { act("kill", name, power::kill); }
    @Override public void suspend(String name) throws ProvisionerException { act("suspend", name, power::suspend); }

    @Override
    public void destroy(String name) throws ProvisionerException {
        Optional<Guests.Located> at = locate(name);
        if (at.isEmpty()) {
            return;
        }
        wrap("destroy " + name, () -> {
            power.halt(at.get());
            guests.delete(at.get());
        });
        LOG.info("destroyed {} (VMID {} on {})", name, at.get().vmid(), at.get().node());
    }

    @Override
    public VmStatus status(String name) throws ProvisionerException {
        ids.vmid(name);
        try {
            Optional<Guests.Located> at = locate(name);
            return at.isEmpty() ? VmStatus.DESTROYED : guests.status(at.get());
        } catch (ProvisionerException e) {
            LOG.warn("status of {}: {}", name, e.getMessage());
            return VmStatus.UNKNOWN;
        } catch (PveException e) {
            LOG.warn("status of {}: {}", name, e.getMessage());
            return VmStatus.UNKNOWN;
        }
    }

    @Override
    public List<VmInfo> list() throws ProvisionerException {
        List<VmInfo> out = new ArrayList<>();
        try {
            for (ClusterView.Guest g : ClusterView.read(pve).guests()) {
                if (!g.template() && ids.ours(g.vmid(), g.name())) {
                    Guests.Located at = new Guests.Located(g.vmid(), g.node());
                    boolean down = "unknown".equals(g.status());
                    out.add(new VmInfo(g.name(), down ? VmStatus.UNKNOWN : guests.status(at),
                            down ? "" : Templates.address(guests.config(at)), 22));
                }
            }
        } catch (PveException e) {
            throw Errors.of("list", e);
        }
        return out;
    }

    @Override
    public VmMetrics metrics(String name) throws ProvisionerException {
        Guests.Located at = require(name);
        try {
            var c = guests.current(at);
            return new VmMetrics(-1, c.path("mem").asLong(-1), c.path("diskread").asLong(-1),
                    c.path("diskwrite").asLong(-1), c.path("netin").asLong(-1), c.path("netout").asLong(-1));
        } catch (PveException e) {
            throw Errors.of("metrics " + name, e);
        }
    }

    /** Boot finished and the ed25519 host key, read through the guest agent (provisioner API 1.2). */
    @Override
    public GuestReadiness readiness(String name) throws ProvisionerException {
        Guests.Located at = require(name);
        try {
            return ready.read(at);
        } catch (PveException e) {
            throw Errors.of("readiness " + name, e);
        }
    }

    @Override public boolean assignsPoolVms() { return true; }

    /** A warm-pool VM made the buyer's (provisioner API 1.4, {@link GuestAssign}); it keeps its name. */
    @Override
    public VmInfo assign(VmSpec buyer) throws ProvisionerException {
        Guests.Located at = require(buyer.name());
        String[] address = new String[1];
        wrap("assign " + buyer.name(), () -> {
            assigner.assign(at, buyer);
            address[0] = Templates.address(guests.config(at));
        });
        LOG.info("assigned pool VM {} as {} (VMID {} on {})", buyer.name(), buyer.machineId(), at.vmid(), at.node());
        return new VmInfo(buyer.name(), VmStatus.ACTIVE, address[0], 22);
    }

    /** The guest user's GECOS, after pam_web3.conf naming the machine id (an assigned pool VM's tag, else the name). */
    @Override
    public void setOwner(String name, OwnerBinding binding) throws ProvisionerException {
        LOG.info("set-owner {}: {}", name, binding.gecos());
        act("set-owner", name, at -> owner.set(at, GuestAssign.machineOf(guests.config(at), name), settings.guestUser(), binding));
    }

    /** Banner or wall message in the guest through the QEMU guest agent (provisioner API 1.3). */
    @Override
    public boolean notifyExpiry(String name, ExpiryNotice notice) throws ProvisionerException {
        act("expiry notice", name, at -> notices.send(at, notice));
        return true;
    }

    @Override
    public TemplateInfo buildTemplate(TemplateSpec spec) throws ProvisionerException {
        try {
            ClusterView v = ClusterView.read(pve);
            List<String> missing = Templates.missingOn(v, settings, spec.name());
            if (missing.isEmpty()) {
                return Templates.recorded(v, guests, spec.name()).orElseThrow(() -> new ProvisionerException(
                        "no online node to import template " + spec.name() + " to", true));
            }
            LOG.info("importing template {} to {}", spec.name(), missing);
            return importer.run(v, spec.name(), missing);
        } catch (PveException e) {
            throw Errors.of("template " + spec.name(), e);
        }
    }

    @Override
    public Capacity capacity() throws ProvisionerException {
        try {
            return new Placement(settings).total(ClusterView.read(pve));
        } catch (PveException e) {
            throw Errors.of("capacity", e);
        }
    }

    /** The guest of that name, if it exists: its VMID must carry exactly that name. */
    private Optional<Guests.Located> locate(String name) throws ProvisionerException {
        int vmid = ids.vmid(name);
        try {
            Optional<ClusterView.Guest> g = ClusterView.read(pve).guest(vmid);
            if (g.isPresent() && (!g.get().name().equals(name) || g.get().template())) {
                throw new ProvisionerException("VMID " + vmid + " is '" + g.get().name() + "', not " + name, false);
            }
            if (g.isPresent() && "unknown".equals(g.get().status())) {
                throw new ProvisionerException(name + ": its node " + g.get().node() + " is down", true);
            }
            return g.map(x -> new Guests.Located(vmid, x.node()));
        } catch (PveException e) {
            throw Errors.of(name, e);
        }
    }

    private Guests.Located require(String name) throws ProvisionerException {
        return locate(name).orElseThrow(() -> new ProvisionerException("no VM " + name, false));
    }

    private interface Call {
        void run() throws PveException, ProvisionerException;
    }

    private interface OnVm {
        void run(Guests.Located at) throws PveException, ProvisionerException;
    }

    /** An operation on an existing VM; a missing one is a non-retryable error. */
    private void act(String verb, String name, OnVm op) throws ProvisionerException {
        Guests.Located at = require(name);
        wrap(verb + " " + name, () -> op.run(at));
    }

    private static void wrap(String what, Call c) throws ProvisionerException {
        try {
            c.run();
        } catch (PveException e) {
            throw Errors.of(what, e);
        }
    }
}
