package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.net.Ipv4Pool;
import org.blockhost.provisioner.libvirt.internal.read.ReadOnlyLibvirt;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest's static network: the pool IPv4 address (and the IPv6 /128 when a prefix is set) as
 * seed-create's typed network fields, and the IPv6 host route through {@code ip6-route-add/-del}.
 */
public final class GuestNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(GuestNetwork.class);
    private static final Pattern AGENT_MAC = Pattern.compile("52:54:00(:[0-9a-f]{2}){3}");
    private final Settings s;
    private final AgentCalls agent;
    private final ReadOnlyLibvirt libvirt;

    public GuestNetwork(Settings s, AgentCalls agent, ReadOnlyLibvirt libvirt) {
        this.s = s;
        this.agent = agent;
        this.libvirt = libvirt;
    }

    /** Adds the static network fields to seed-create's parameters (none: the guest uses DHCP). */
    public void seedParams(String name, Addressing.Plan plan, Map<String, Object> p) {
        plan.mac().filter(m -> AGENT_MAC.matcher(m).matches()).ifPresent(m -> p.put("mac", m));
        if (plan.poolIpv4().isPresent()) {
            Ipv4Pool pool = s.pool().orElseThrow();
            p.put("ipv4_address", plan.poolIpv4().get());
            p.put("ipv4_prefix", pool.prefix());
            p.put("ipv4_gateway", pool.gateway());
            p.put("dns", pool.dns());
        }
        ipv6(name).ifPresent(a -> p.put("ipv6_address", a));
    }

    /**
     * Tenant isolation (root agent {@code vm-isolate}): binds the VM's NIC to its MAC and addresses,
     * so it reaches no other VM and none of the host's management ports. Only when the addresses are
     * known (pool and/or IPv6 prefix); a DHCP guest is not isolated.
     */
    public void isolate(String name, Addressing.Plan plan) throws ProvisionerException {
        Optional<String> mac = plan.mac().filter(m -> AGENT_MAC.matcher(m).matches());
        Optional<String> v6 = ipv6(name);
        if (mac.isEmpty() || (plan.poolIpv4().isEmpty() && v6.isEmpty())) {
            LOG.info("{}: address not known to the provisioner (DHCP): not isolated", name);
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("mac", mac.get());
        plan.poolIpv4().ifPresent(a -> p.put("ipv4_address", a));
        v6.ifPresent(a -> p.put("ipv6_address", a));
        agent.call("vm-isolate", p);
    }

    /** Best effort at destroy: drops the VM's isolation binding. */
    public void unisolate(String name) {
        if (!s.hasNic() || (s.pool().isEmpty() && s.ipv6().isEmpty())) {
            return;
        }
        try {
            agent.call("vm-unisolate", Map.of("name", name));
        } catch (ProvisionerException e) {
            LOG.warn("isolation binding of {} not removed: {}", name, e.getMessage());
        }
    }

    /** The VM's IPv6 /128, when a prefix is configured and the VM has a NIC. */
    public Optional<String> ipv6(String name) {
        return ipv6(s, name);
    }

    static Optional<String> ipv6(Settings s, String name) {
        return s.hasNic() ? s.ipv6().map(x -> x.addressFor(name)) : Optional.empty();
    }

    /** The /128 host route and, when the prefix is on-link at the uplink, the neighbour proxy entry. */
    public void addRoute(String name) throws ProvisionerException {
        Optional<String> a = ipv6(name);
        if (a.isPresent()) {
            agent.call("ip6-route-add", Map.of("address", a.get(), "device", device()));
            Optional<String> uplink = s.ipv6ProxyUplink();
            if (uplink.isPresent()) {
                agent.call("ip6-proxy-add", Map.of("address", a.get(), "uplink", uplink.get()));
            }
        }
    }

    /** Best effort: a route or proxy entry that is already gone must not make destroy fail. */
    public void deleteRoute(String name) {
        Optional<String> a = ipv6(name);
        if (a.isEmpty()) {
            return;
        }
        Optional<String> uplink = s.ipv6ProxyUplink();
        bestEffort(name, "neighbour proxy entry", uplink.isPresent() ? () -> agent.call("ip6-proxy-del",
                Map.of("address", a.get(), "uplink", uplink.get())) : null);
        bestEffort(name, "route", () -> agent.call("ip6-route-del", Map.of("address", a.get(), "device", device())));
    }

    private interface AgentCall {
        void run() throws ProvisionerException;
    }

    private static void bestEffort(String name, String what, AgentCall call) {
        if (call == null) {
            return;
        }
        try {
            call.run();
        } catch (ProvisionerException e) {
            LOG.warn("IPv6 {} of {} not removed: {}", what, name, e.getMessage());
        }
    }

    /** The host device guests hang off: the bridge itself, or the libvirt network's bridge. */
    String device() throws ProvisionerException {
        if ("bridge".equals(s.netType())) {
            return s.network();
        }
        try {
            String dev = libvirt.read(c -> c.networkLookupByName(s.network()).getBridgeName());
            if (dev == null || !Settings.NETWORK.matcher(dev).matches()) {
                throw new ProvisionerException("libvirt network " + s.network() + " has no usable bridge", false);
            }
            return dev;
        } catch (LibvirtException e) {
            throw new ProvisionerException("libvirt network " + s.network() + " not found: " + e.getMessage(), true, e);
        }
    }
}
