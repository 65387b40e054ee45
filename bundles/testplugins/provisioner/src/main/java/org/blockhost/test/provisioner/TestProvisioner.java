package org.blockhost.test.provisioner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
import org.osgi.service.component.annotations.Component;

/** Test double: an in-memory provisioner with id {@code test-provisioner}. */
@Component(service = Provisioner.class, immediate = true)
@ProvisionerId(TestProvisioner.ID)
public final class TestProvisioner implements Provisioner {
    public static final String ID = "test-provisioner";
    private final Map<String, VmStatus> vms = new ConcurrentHashMap<>();

    @Override public String id() { return ID; }

    @Override
    public VmInfo create(VmSpec spec) {
        vms.putIfAbsent(spec.name(), VmStatus.ACTIVE);
        return info(spec.name());
    }

    @Override public void start(String name) throws ProvisionerException { set(name, VmStatus.ACTIVE); }
    @Override public void stop(String name) throws ProvisionerException { set(name, VmStatus.SHUT_OFF); }
    @Override public void kill(String name) throws ProvisionerException { set(name, VmStatus.SHUT_OFF); }
    @Override public void suspend(String name) throws ProvisionerException { set(name, VmStatus.SUSPENDED); }
    @Override public void resume(String name) throws ProvisionerException { set(name, VmStatus.ACTIVE); }
    @Override public void destroy(String name) { vms.remove(name); }
    @Override public VmStatus status(String name) { return vms.getOrDefault(name, VmStatus.DESTROYED); }

    @Override
    public List<VmInfo> list() {
        List<VmInfo> out = new ArrayList<>();
        vms.keySet().forEach(n -> out.add(info(n)));
        return out;
    }

    @Override public VmMetrics metrics(String name) { return new VmMetrics(-1, -1, -1, -1, -1, -1); }
    @Override public void setOwner(String name, OwnerBinding owner) throws ProvisionerException { require(name); }
    @Override public TemplateInfo buildTemplate(TemplateSpec spec) { return new TemplateInfo(spec.name(), "", true); }
    @Override public Capacity capacity() { return new Capacity(8, 0, 8192, 0, 100, 0); }

    private VmInfo info(String name) {
        return new VmInfo(name, status(name), "127.0.0.1", 22);
    }

    private void set(String name, VmStatus status) throws ProvisionerException {
        require(name);
        vms.put(name, status);
    }

    private void require(String name) throws ProvisionerException {
        if (!vms.containsKey(name)) {
            throw new ProvisionerException("no VM " + name, false);
        }
    }
}
