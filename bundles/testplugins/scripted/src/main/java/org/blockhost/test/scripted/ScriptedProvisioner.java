package org.blockhost.test.scripted;

import java.util.List;

import org.blockhost.provisioner.api.Capacity;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Test double for the runtime crash test: a provisioner with id {@code scripted-provisioner}
 * whose VMs live in the persistent {@link ScriptedLedger} (create is idempotent by VM name across
 * restarts). Kill points {@code create.before|after} and {@code setowner.before|after}.
 */
@Component(service = Provisioner.class, immediate = true)
@ProvisionerId(ScriptedProvisioner.ID)
public final class ScriptedProvisioner implements Provisioner {
    public static final String ID = "scripted-provisioner";
    private final ScriptedLedger ledger;
    /** VMs suspended since this runtime started (the ledger does not record it; a restart forgets it). */
    private final java.util.Set<String> suspended = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Activate
    public ScriptedProvisioner(@Reference ScriptedLedger ledger) {
        this.ledger = ledger;
    }

    @Override public String id() { return ID; }

    @Override
    public VmInfo create(VmSpec spec) {
        long sub = ScriptedLedger.subscriptionOf(spec.name());
        ledger.mark("create.before", sub);
        ledger.createVm(spec.name());
        ledger.mark("create.after", sub);
        return info(spec.name());
    }

    @Override
    public void setOwner(String name, OwnerBinding owner) throws ProvisionerException {
        require(name);
        long sub = ScriptedLedger.subscriptionOf(name);
        ledger.mark("setowner.before", sub);
        ledger.setOwner(name, owner.gecos());
        ledger.mark("setowner.after", sub);
    }

    @Override public void start(String name) throws ProvisionerException { require(name); suspended.remove(name); }
    @Override public void stop(String name) throws ProvisionerException { require(name); }
    @Override public void kill(String name) throws ProvisionerException { require(name); }
    @Override public void suspend(String name) throws ProvisionerException { require(name); suspended.add(name); }
    @Override public void resume(String name) throws ProvisionerException { require(name); suspended.remove(name); }
    @Override public void destroy(String name) { ledger.destroy(name); }
    @Override
    public VmStatus status(String name) {
        return !ledger.hasVm(name) ? VmStatus.DESTROYED : suspended.contains(name) ? VmStatus.SUSPENDED : VmStatus.ACTIVE;
    }
    @Override public List<VmInfo> list() { return ledger.vms().stream().map(ScriptedProvisioner::info).toList(); }
    @Override public VmMetrics metrics(String name) { return new VmMetrics(-1, -1, -1, -1, -1, -1); }
    @Override public TemplateInfo buildTemplate(TemplateSpec spec) { return new TemplateInfo(spec.name(), "", true); }
    @Override public Capacity capacity() { return new Capacity(8, 0, 8192, 0, 100, 0); }

    private static VmInfo info(String name) {
        return new VmInfo(name, VmStatus.ACTIVE, "127.0.0.1", 22);
    }

    private void require(String name) throws ProvisionerException {
        if (!ledger.hasVm(name)) {
            throw new ProvisionerException("no VM " + name, false);
        }
    }
}
