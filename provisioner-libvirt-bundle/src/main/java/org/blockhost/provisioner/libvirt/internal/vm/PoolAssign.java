package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader;
import org.blockhost.rootagent.api.RootAgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a booted warm-pool VM the buyer's (provisioner API 1.4 {@code assign}): the root agent's
 * {@code vm-assign} sets the guest's host name and pam_web3's machine id to the buyer's machine id,
 * makes a fresh SSH host key and writes the buyer's wallet into the guest user's GECOS (nft 0 until
 * the mint's set-owner), in one guest-agent command; then, in port-forward mode, the buyer's
 * public port is forwarded to the VM as a cold create does. Anything but an unreachable agent is not
 * retryable, so core drops the pool VM and serves the purchase by the cold path.
 */
public final class PoolAssign {
    private static final Logger LOG = LoggerFactory.getLogger(PoolAssign.class);
    private static final String HOSTNAME = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    private final AgentCalls agent;
    private final DomainReader reader;
    private final Addressing addressing;
    private final Forwards forwards;
    private final String guestUser;
    /** The host key each assignment answered, until the next readiness check takes it. */
    private final Map<String, String> hostKeys = new ConcurrentHashMap<>();

    public PoolAssign(Settings s, AgentCalls agent, DomainReader reader) {
        this.agent = agent;
        this.guestUser = s.guestUser();
        this.reader = reader;
        this.addressing = new Addressing(s);
        this.forwards = new Forwards(s, agent);
    }

    public VmInfo assign(VmSpec buyer) throws ProvisionerException {
        String name = buyer.name();
        String host = hostName(buyer.machineId());
        String engine = Wallets.engineOf(buyer.ownerWallet()); // a buyer always has a wallet the guest can take
        DomainReader.Snapshot snap = reader.snapshot(name)
                .orElseThrow(() -> new ProvisionerException("no VM " + name, false));
        try {
            // the buyer's GECOS in the same guest command: the login needs no set-owner after the mint
            Object key = agent.call("vm-assign", Map.of("name", name, "hostname", host, "user", guestUser, "engine", engine,
                    "wallet", buyer.ownerWallet())).get("host_key");
            if (key != null && GuestReadiness.isHostKey(key.toString())) {
                hostKeys.put(name, key.toString());
            }
        } catch (ProvisionerException e) {
            boolean unreachable = e.getCause() instanceof RootAgentException r
                    && r.kind() == RootAgentException.Kind.UNAVAILABLE;
            throw new ProvisionerException("assign " + name + ": " + e.getMessage(), unreachable, e);
        }
        VmInfo info = addressing.describe(reader.snapshot(name).orElse(snap));
        LOG.info("assigned pool VM {} as {}", name, host);
        if (!forwards.active()) {
            return info;
        }
        int port = buyer.network().publicPort().orElseThrow(() -> new ProvisionerException(
                "port-forward mode: core gave " + name + " no public port", false));
        forwards.add(name, port, info.address());
        return new VmInfo(name, info.status(), "", port, info.ipv6());
    }

    /**
     * The host key the last assignment of {@code name} answered, once: core's readiness check right
     * after the assignment needs no guest round trip (the pool VM finished its first boot before).
     */
    public Optional<String> takeHostKey(String name) {
        return Optional.ofNullable(hostKeys.remove(name));
    }

    /** The buyer's machine id as the guest's host name (lower case); anything else is refused. */
    static String hostName(String machineId) throws ProvisionerException {
        String h = machineId.toLowerCase(Locale.ROOT);
        if (!h.matches(HOSTNAME)) {
            throw new ProvisionerException("machine id is not a host name (a-z, 0-9, '-', at most 63)", false);
        }
        return h;
    }
}
