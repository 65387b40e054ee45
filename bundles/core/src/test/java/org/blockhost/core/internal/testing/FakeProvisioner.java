package org.blockhost.core.internal.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmMetrics;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;

/** In-memory test-double provisioner: idempotent by VM name, scripted failures, fixed latency. */
public class FakeProvisioner implements Provisioner {
    public final Map<String, VmStatus> vms = new ConcurrentHashMap<>();
    public final Map<String, String> gecos = new ConcurrentHashMap<>();
    public final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    public final AtomicInteger creates = new AtomicInteger();
    /** Failures to throw, by operation name, consumed one per call. */
    public final Map<String, ConcurrentLinkedQueue<Exception>> failures = new ConcurrentHashMap<>();
    public volatile long latencyMillis;
    /** What {@link #readiness} answers per VM; untracked (no guest channel) when absent. */
    public final Map<String, GuestReadiness> readiness = new ConcurrentHashMap<>();

    /** Whether this double can assign warm-pool VMs ({@link #assign}); off = the SPI default. */
    public volatile boolean pool;
    /** Host name (machine id) each assigned pool VM was given. */
    public final Map<String, String> hostNames = new ConcurrentHashMap<>();
    /** Host-key generations per VM: each assignment regenerates the keys. */
    public final Map<String, Integer> hostKeys = new ConcurrentHashMap<>();

    @Override
    public boolean assignsPoolVms() {
        return pool;
    }

    @Override
    public VmInfo assign(VmSpec buyer) throws ProvisionerException {
        if (!pool) {
            return Provisioner.super.assign(buyer);
        }
        enter("assign", buyer.name());
        if (!vms.containsKey(buyer.name())) {
            throw new ProvisionerException("no VM " + buyer.name(), false);
        }
        hostNames.put(buyer.name(), buyer.machineId());
        hostKeys.merge(buyer.name(), 1, Integer::sum);
        return new VmInfo(buyer.name(), vms.get(buyer.name()), "10.0.0.2", buyer.network().publicPort().orElse(22));
    }

    /** Expiry notices delivered, in order. */
    public final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();

    public FakeProvisioner failNext(String op, Exception e) {
        failures.computeIfAbsent(op, k -> new ConcurrentLinkedQueue<>()).add(e);
        return this;
    }

    protected void enter(String op, String name) throws ProvisionerException {
        calls.add(op + " " + name);
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisionerException("interrupted", true);
            }
        }
        var q = failures.get(op);
        Exception e = q == null ? null : q.poll();
        if (e instanceof ProvisionerException p) {
            throw p;
        } else if (e instanceof RuntimeException r) {
            throw r;
        }
    }

    @Override
    public GuestReadiness readiness(String name) throws ProvisionerException {
        enter("readiness", name);
        return readiness.getOrDefault(name, GuestReadiness.UNTRACKED);
    }

    @Override
    public boolean notifyExpiry(String name, ExpiryNotice notice) throws ProvisionerException {
        enter("notifyExpiry", name);
        notices.add(name + " " + notice.kind() + " " + notice.expiresAt() + " " + notice.renewUrl());
        return true;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public VmInfo create(VmSpec spec) throws ProvisionerException {
        enter("create", spec.name());
        if (vms.putIfAbsent(spec.name(), VmStatus.ACTIVE) == null) {
            creates.incrementAndGet();
        }
        return new VmInfo(spec.name(), vms.get(spec.name()), "10.0.0.1", 22);
    }

    @Override
    public void start(String name) throws ProvisionerException {
        enter("start", name);
        move(name, VmStatus.ACTIVE);
    }

    @Override
    public void stop(String name) throws ProvisionerException {
        enter("stop", name);
        move(name, VmStatus.SHUT_OFF);
    }

    @Override
    public void kill(String name) throws ProvisionerException {
        enter("kill", name);
        move(name, VmStatus.SHUT_OFF);
    }

    /** Like libvirt's managed save: a running or paused VM is saved, a shut-off one stays off. */
    @Override
    public void suspend(String name) throws ProvisionerException {
        enter("suspend", name);
        move(name, vms.get(name) == VmStatus.SHUT_OFF ? VmStatus.SHUT_OFF : VmStatus.SUSPENDED);
    }

    @Override
    public void resume(String name) throws ProvisionerException {
        enter("resume", name);
        move(name, VmStatus.ACTIVE);
    }

    /** A missing VM is a non-retryable error, as with a real provisioner. */
    private void move(String name, VmStatus to) throws ProvisionerException {
        if (vms.computeIfPresent(name, (n, s) -> to) == null) {
            throw new ProvisionerException("no VM " + name, false);
        }
    }

    @Override
    public void destroy(String name) throws ProvisionerException {
        enter("destroy", name);
        vms.remove(name);
    }

    @Override
    public VmStatus status(String name) throws ProvisionerException {
        return vms.getOrDefault(name, VmStatus.DESTROYED);
    }

    @Override
    public List<VmInfo> list() throws ProvisionerException {
        enter("list", "*");
        List<VmInfo> out = new ArrayList<>();
        vms.forEach((n, s) -> out.add(new VmInfo(n, s, "10.0.0.1", 22)));
        return out;
    }

    @Override
    public VmMetrics metrics(String name) {
        return new VmMetrics(-1, -1, -1, -1, -1, -1);
    }

    @Override
    public void setOwner(String name, OwnerBinding owner) throws ProvisionerException {
        enter("setOwner", name);
        gecos.put(name, owner.gecos());
    }

    /** What {@link #templateBuild} answers (the current build of every template). */
    public volatile String templateBuild = "";

    @Override
    public String templateBuild(String template) {
        return templateBuild;
    }

    @Override
    public TemplateInfo buildTemplate(TemplateSpec spec) {
        return new TemplateInfo(spec.name(), "00", true);
    }

    @Override
    public Capacity capacity() {
        return new Capacity(64, 0, 65536, 0, 10000, 0);
    }
}
