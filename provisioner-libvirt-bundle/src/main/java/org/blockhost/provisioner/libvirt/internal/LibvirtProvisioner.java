package org.blockhost.provisioner.libvirt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.blockhost.provisioner.libvirt.internal.capacity.CapacityPolicy;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader;
import org.blockhost.provisioner.libvirt.internal.read.ReadOnlyLibvirt;
import org.blockhost.provisioner.libvirt.internal.template.TemplateService;
import org.blockhost.provisioner.libvirt.internal.vm.Addressing;
import org.blockhost.provisioner.libvirt.internal.vm.AgentCalls;
import org.blockhost.provisioner.libvirt.internal.vm.ColdPath;
import org.blockhost.provisioner.libvirt.internal.vm.Forwards;
import org.blockhost.provisioner.libvirt.internal.vm.GuestNetwork;
import org.blockhost.provisioner.libvirt.internal.vm.PoolAssign;
import org.blockhost.provisioner.libvirt.internal.vm.VmCreator;
import org.blockhost.provisioner.libvirt.internal.vm.VmFiles;
import org.blockhost.provisioner.libvirt.internal.vm.Wallets;
import org.blockhost.rootagent.api.RootAgent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libvirt provisioner. Writes are root agent actions; reads use a read-only libvirt connection.
 */
@Component(service = Provisioner.class, configurationPid = LibvirtConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LibvirtConfig.class)
@ProvisionerId(LibvirtProvisioner.ID)
public final class LibvirtProvisioner implements Provisioner, AutoCloseable {
    public static final String ID = "libvirt";
    /** {@code vm-guest-ready}'s reason when the guest agent answered but cloud-init is still running. */
    static final String FIRST_BOOT_RUNNING = "first boot not finished";
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtProvisioner.class);
    private final Settings settings;
    private final AgentCalls agent;
    private final ReadOnlyLibvirt libvirt;
    private final DomainReader reader;
    private final VmCreator creator;
    private final Addressing addressing;
    private final TemplateService templates;
    private final GuestNetwork guestNet;
    private final PoolAssign pool;
    private final ColdPath coldPath = new ColdPath();

    @Activate
    public LibvirtProvisioner(@Reference RootAgent rootAgent, LibvirtConfig config) {
        this(rootAgent, Settings.from(config));
    }

    public LibvirtProvisioner(RootAgent rootAgent, Settings settings) {
        this.settings = settings;
        this.agent = new AgentCalls(rootAgent);
        this.libvirt = new ReadOnlyLibvirt(settings.uri());
        this.reader = new DomainReader(libvirt);
        this.guestNet = new GuestNetwork(settings, agent, libvirt);
        this.creator = new VmCreator(settings, agent, reader, guestNet, coldPath);
        this.addressing = new Addressing(settings);
        this.pool = new PoolAssign(settings, agent, reader);
        this.templates = new TemplateService(settings.templateDir(), agent, settings.templateLocalPackages());
    }

    @Override public String id() { return ID; }

    @Override
    public VmInfo create(VmSpec spec) throws ProvisionerException {
        return creator.create(spec);
    }

    /** Warm pool: a VM made with no owner becomes the buyer's through the root agent's {@code vm-assign}. */
    @Override public boolean assignsPoolVms() { return true; }

    @Override
    public VmInfo assign(VmSpec buyer) throws ProvisionerException {
        return pool.assign(buyer);
    }

    /** The image {@code <template>.current} names with its recorded checksum: pool VMs of an earlier build are replaced. */
    @Override
    public String templateBuild(String template) {
        return new VmFiles(settings.vmDir(), settings.templateDir()).build(template);
    }

    @Override public void start(String name) throws ProvisionerException { running("vm-start", name); }
    @Override public void kill(String name) throws ProvisionerException { existing("vm-destroy", name); }
    @Override public void suspend(String name) throws ProvisionerException { existing("vm-suspend", name); }
    @Override public void resume(String name) throws ProvisionerException { running("vm-resume", name); }

    /** ACPI shutdown of a running VM; a VM that is not running is left alone. */
    @Override
    public void stop(String name) throws ProvisionerException {
        if (requireExisting(name) == VmStatus.ACTIVE) {
            agent.vm("vm-shutdown", name);
        }
    }

    @Override
    public void destroy(String name) throws ProvisionerException {
        checkName(name);
        Forwards forwards = new Forwards(settings, agent);
        Optional<String> address = forwards.active()
                ? reader.snapshot(name).map(snap -> addressing.describe(snap).address()) : Optional.empty();
        pool.takeHostKey(name);
        agent.call("vm-undefine", Map.of("name", name, "remove_disks", true));
        guestNet.deleteRoute(name);
        guestNet.unisolate(name);
        forwards.remove(name, address);
    }

    @Override
    public VmStatus status(String name) throws ProvisionerException {
        checkName(name);
        return reader.status(name);
    }

    @Override
    public List<VmInfo> list() throws ProvisionerException {
        List<VmInfo> out = new ArrayList<>();
        reader.list().forEach(s -> out.add(addressing.describe(s)));
        return out;
    }

    @Override
    public VmMetrics metrics(String name) throws ProvisionerException {
        checkName(name);
        return reader.metrics(name);
    }

    /**
     * Rewrites the guest user's GECOS through the root agent's {@code vm-set-owner}, which also evicts
     * the previous holder on a transfer. On libvirt's test driver (dev mode) the agent records what
     * the guest would have been told under {@code <vmDir>/.testdriver/}.
     */
    @Override
    public void setOwner(String name, OwnerBinding owner) throws ProvisionerException {
        requireExisting(name);
        String engine = Wallets.engineOf(owner.wallet());
        LOG.info("set-owner {}: {}", name, owner.gecos());
        agent.call("vm-set-owner", Map.of("name", name, "user", settings.guestUser(),
                "engine", engine, "wallet", owner.wallet(),
                "nft_id", Long.toString(owner.tokenId())));
    }

    /**
     * The root agent's {@code vm-guest-ready}: cloud-init's boot-finished marker and the ed25519
     * host key, through the guest agent (on the test driver, its model guest). A key the agent
     * answers in another form is dropped, never passed on.
     */
    @Override
    public GuestReadiness readiness(String name) throws ProvisionerException {
        checkName(name);
        Optional<String> assigned = pool.takeHostKey(name);
        if (assigned.isPresent()) {
            return GuestReadiness.ready(assigned.get()); // vm-assign just answered it: no second guest round trip
        }
        Map<String, Object> r = agent.call("vm-guest-ready", Map.of("name", name));
        boolean ready = Boolean.TRUE.equals(r.get("ready"));
        coldPath.probed(name, ready || FIRST_BOOT_RUNNING.equals(r.get("why")), ready);
        if (!ready) {
            return GuestReadiness.NOT_READY;
        }
        Object key = r.get("host_key");
        return GuestReadiness.ready(GuestReadiness.isHostKey(key == null ? null : key.toString()) ? key.toString() : "");
    }

    /**
     * The root agent's {@code vm-expiry-notice}: the login banner or a {@code wall} message in the
     * guest, written through the guest agent (on the test driver, recorded by its model guest).
     */
    @Override
    public boolean notifyExpiry(String name, ExpiryNotice notice) throws ProvisionerException {
        requireExisting(name);
        agent.call("vm-expiry-notice", Map.of("name", name, "expires_at", notice.expiresAt().getEpochSecond(),
                "renew_url", notice.renewUrl(), "kind", notice.kind().name().toLowerCase(java.util.Locale.ROOT)));
        return true;
    }

    /** Where the cold creates' time went: the last finished boots since this provisioner started. */
    public List<ColdPath.Boot> coldPath() {
        return coldPath.recent();
    }

    /** The same per step, for core's {@code /metrics} (provisioner API 1.5). */
    @Override
    public Map<String, List<Double>> coldPathSeconds() {
        return ColdPath.bySteps(coldPath.recent());
    }

    @Override
    public TemplateInfo buildTemplate(TemplateSpec spec) throws ProvisionerException {
        return templates.build(spec);
    }

    @Override
    public Capacity capacity() throws ProvisionerException {
        return new CapacityPolicy(settings).capacity(reader.usage());
    }

    @Deactivate
    @Override
    public void close() {
        libvirt.close();
    }

    private void existing(String action, String name) throws ProvisionerException {
        requireExisting(name);
        agent.vm(action, name);
    }

    /** Starts or resumes through the agent and fails (retryable) unless the domain ends up running. */
    /**
     * Starts or resumes a VM, then puts its IPv6 route and neighbour proxy entry back (idempotent):
     * the kernel forgets both on a host reboot, after which the lifecycle starts every paid VM here.
     */
    private void running(String action, String name) throws ProvisionerException {
        requireExisting(name);
        Object state = agent.call(action, Map.of("name", name)).get("state");
        if (!"running".equals(state)) {
            throw new ProvisionerException(action + " " + name + " left it " + state + ", not running", true);
        }
        guestNet.addRoute(name);
    }

    private VmStatus requireExisting(String name) throws ProvisionerException {
        checkName(name);
        VmStatus s = reader.status(name);
        if (s == VmStatus.DESTROYED) {
            throw new ProvisionerException("no VM " + name, false);
        }
        return s;
    }

    private static void checkName(String name) throws ProvisionerException {
        if (name == null || !DomainReader.VM_NAME.matcher(name).matches()) {
            throw new ProvisionerException("not a BlockHost VM name (blockhost- and 3 to 9 digits)", false);
        }
    }
}
