package org.blockhost.provisioner.libvirt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.provisioner.libvirt.internal.net.Ipv4Pool;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;

/**
 * Dev mode's write path for tests: the root agent's in-process executor on libvirt's test driver,
 * recording the actions the provisioner asks for.
 */
public final class DevHarness implements RootAgent, AutoCloseable {
    public final Path base;
    public final InProcessAgent agent;
    public final List<String> actions = Collections.synchronizedList(new ArrayList<>());

    /** Parameters of every call, in order (action name → parameters). */
    public final List<Map.Entry<String, Map<String, Object>>> calls = Collections.synchronizedList(new ArrayList<>());

    public DevHarness(Path base, String uri) throws Exception {
        this(base, uri, null);
    }

    public DevHarness(Path base, String uri, String ip6Prefix) throws Exception {
        this.base = base;
        AgentConfig cfg = AgentConfig.dev(base, "root", uri, ip6Prefix == null ? null : IpPrefix.parse(ip6Prefix));
        Files.createDirectories(cfg.vmDir());
        Files.createDirectories(cfg.templateDir());
        Files.createDirectories(cfg.stateDir());
        this.agent = new InProcessAgent(cfg);
    }

    public Path vmDir() {
        return base.resolve("var/lib/blockhost/vms");
    }

    public Path templateDir() {
        return base.resolve("var/lib/blockhost/templates");
    }

    public Settings settings(String uri, String pool, int loopbackBase) {
        return settings(uri, pool, "", loopbackBase);
    }

    public Settings settings(String uri, String pool, String ipv6, int loopbackBase) {
        return settings(uri, pool, ipv6, loopbackBase, Optional.empty());
    }

    public Settings settings(String uri, String pool, String ipv6, int loopbackBase, Optional<GuestLogin> login) {
        return new Settings(uri, vmDir(), templateDir(), "network", "default",
                pool.isEmpty() ? Optional.empty() : Optional.of(Ipv4Pool.parse(pool)), ipv6, loopbackBase,
                4.0, 8.0, 1.0, 0, "admin", "qemu", true, List.of(), login, false);
    }

    /** Port-forward mode: VMs take private addresses from {@code pool}, core's public port is forwarded to them. */
    public Settings portForwardSettings(String uri, String pool) {
        return new Settings(uri, vmDir(), templateDir(), "network", "default", Optional.of(Ipv4Pool.parse(pool)), "", 0,
                4.0, 8.0, 1.0, 0, "admin", "qemu", true, List.of(), Optional.empty(), true);
    }

    /** A blank 1 GiB qcow2 made by qemu-img (a template the test driver never boots). */
    public static void blankImage(Path image) throws Exception {
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "1G").inheritIO().start();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("qemu-img create " + image + " failed");
        }
    }

    public static boolean libvirtInstalled() {
        return Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")) || Files.exists(Path.of("/usr/lib64/libvirt.so.0"));
    }

    @Override
    public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
        actions.add(action);
        calls.add(Map.entry(action, Map.copyOf(params)));
        return agent.call(action, params);
    }

    @Override
    public void close() {
        agent.close();
    }
}
