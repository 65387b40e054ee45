package org.blockhost.rootagent.internal.action;

import static org.blockhost.rootagent.internal.action.Params.bool;
import static org.blockhost.rootagent.internal.action.Params.hostAddress;
import static org.blockhost.rootagent.internal.action.Params.integer;
import static org.blockhost.rootagent.internal.action.Params.ip6InPrefix;
import static org.blockhost.rootagent.internal.action.Params.list;
import static org.blockhost.rootagent.internal.action.Params.oneOf;
import static org.blockhost.rootagent.internal.action.Params.path;
import static org.blockhost.rootagent.internal.action.Params.source;
import static org.blockhost.rootagent.internal.action.Params.string;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.actions.ConsoleIssue;
import org.blockhost.rootagent.internal.actions.DiskCreate;
import org.blockhost.rootagent.internal.actions.Firewall;
import org.blockhost.rootagent.internal.actions.FirewallBase;
import org.blockhost.rootagent.internal.actions.GuestAssign;
import org.blockhost.rootagent.internal.actions.GuestExpiryNotice;
import org.blockhost.rootagent.internal.actions.GuestOwner;
import org.blockhost.rootagent.internal.actions.GuestReady;
import org.blockhost.rootagent.internal.actions.HostBridge;
import org.blockhost.rootagent.internal.actions.HostDhcp;
import org.blockhost.rootagent.internal.actions.HostNetwork;
import org.blockhost.rootagent.internal.actions.Ip6NeighProxy;
import org.blockhost.rootagent.internal.actions.Ip6Routes;
import org.blockhost.rootagent.internal.actions.KeyWriter;
import org.blockhost.rootagent.internal.actions.PortForward;
import org.blockhost.rootagent.internal.actions.SeedImage;
import org.blockhost.rootagent.internal.actions.TenantIsolation;
import org.blockhost.rootagent.internal.actions.VmActions;
import org.blockhost.rootagent.internal.path.Confinement.Root;
import org.blockhost.rootagent.internal.template.TemplateBuild;

/**
 * THE action table: the closed list of everything the root agent will do, with each action's
 * typed parameters. Nothing outside this class adds actions.
 */
public final class ActionTable {
    public static final String VM_NAME = "blockhost-[0-9]{3,9}|template-[a-z0-9][a-z0-9-]{0,30}";
    public static final String DEVICE = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}";
    /** An uplink for {@code ip6-proxy-*}: a device name, never {@code lo} nor the sysctl names {@code all}/{@code default}. */
    public static final String UPLINK = "(?!(lo|all|default)$)" + DEVICE;
    /** The VM bridge {@code host-bridge-create} makes. */
    public static final String BRIDGE = "(br|vmbr)[0-9]{1,3}";
    public static final String NETWORK = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,31}";
    public static final String MAC = "52:54:00(:[0-9a-f]{2}){3}";
    public static final String KEY_NAME = "[a-z0-9][a-z0-9_-]{0,63}";
    public static final String KEY_CONTENT = "[\\x20-\\x7e\\t\\n]{1,16384}";
    public static final String HOSTNAME = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    public static final String USER = "[a-z_][a-z0-9_-]{0,31}";
    public static final String WALLET = "[0-9A-Za-z]{1,100}";
    public static final String NFT_ID = "0|[1-9][0-9]{0,77}";
    public static final String INSTANCE_ID = "[a-z0-9][a-z0-9-]{0,63}";
    public static final String OVERLAY_FILE = "[a-z0-9][a-z0-9._-]{0,80}\\.qcow2";
    public static final String SEED_FILE = "[a-z0-9][a-z0-9._-]{0,80}\\.iso";
    public static final String TEMPLATE_FILE = "[A-Za-z0-9][A-Za-z0-9._-]{0,80}\\.(qcow2|img)";
    public static final String TEMPLATE_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String PACKAGE = "[a-z0-9][a-z0-9+.-]{1,100}";
    /** A .deb file name in {@code <template-dir>/packages/} (no directories). */
    public static final String LOCAL_DEB = "[a-z0-9][a-z0-9.+_-]{0,100}\\.deb";
    /** pam_web3's SIWE host: a host name or IPv4 address with an optional :port (checked 1..65535). */
    public static final String LOGIN_HOST = "[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?";
    /** pam_web3's signing page: http(s), no quotes, spaces, control characters, backslashes or fragment. */
    public static final String SIGNING_URL = "https?://[A-Za-z0-9._~:/?\\[\\]@!$&()*+,;=%-]{2,1000}";
    public static final String DNS_SERVER = "[0-9a-f.:]{2,39}";
    public static final String[] ENGINES = {"evm", "opnet"};

    private static final Map<String, ActionSpec> TABLE = build();

    private ActionTable() {
    }

    public static ActionSpec get(String name) {
        return TABLE.get(name);
    }

    public static Map<String, ActionSpec> all() {
        return TABLE;
    }

    private static Map<String, ActionSpec> build() {
        List<ActionSpec> a = new ArrayList<>();
        a.add(spec("ping", (args, ctx) -> Map.of("pong", true)));
        a.add(spec("firewall-open", Firewall::open, integer("port", 1, 65535), oneOf("proto", "tcp", "udp"),
                source("source"), integer("ttl", 1, 3600)));
        a.add(spec("firewall-close", Firewall::close, integer("port", 1, 65535), oneOf("proto", "tcp", "udp"),
                source("source")));
        a.add(spec("firewall-base", FirewallBase::apply, list("ports", "[1-9][0-9]{0,4}", 5, 16)));
        a.add(spec("firewall-base-clear", FirewallBase::clear));
        a.add(spec("ip6-route-add", Ip6Routes::add, ip6InPrefix("address"), string("device", DEVICE, 15)));
        a.add(spec("ip6-route-del", Ip6Routes::del, ip6InPrefix("address"), string("device", DEVICE, 15)));
        a.add(spec("ip6-proxy-add", Ip6NeighProxy::add, ip6InPrefix("address"), string("uplink", UPLINK, 15)));
        a.add(spec("ip6-proxy-del", Ip6NeighProxy::del, ip6InPrefix("address"), string("uplink", UPLINK, 15)));
        a.add(spec("host-net-apply", HostNetwork::apply, string("device", DEVICE, 15), hostAddress("address", false),
                integer("prefix", 8, 30), hostAddress("gateway", false), list("dns", DNS_SERVER, 39, 4).optional(null)));
        a.add(spec("host-net-dhcp", HostDhcp::apply, string("device", DEVICE, 15)));
        a.add(spec("host-bridge-create", HostBridge::create, string("bridge", BRIDGE, 7), string("uplink", DEVICE, 15),
                oneOf("addressing", "uplink", "dhcp").optional("uplink")));
        a.add(spec("port-forward-add", PortForward::add, integer("public_port", 1024, 65535),
                hostAddress("address", false), integer("port", 1, 65535).optional(22L)));
        a.add(spec("port-forward-del", PortForward::del, hostAddress("address", false)));
        a.add(spec("vm-isolate", TenantIsolation::isolate, vmName(), string("mac", MAC, 17),
                hostAddress("ipv4_address", false).optional(null), hostAddress("ipv6_address", true).optional(null)));
        a.add(spec("vm-unisolate", TenantIsolation::unisolate, vmName()));
        a.add(spec("key-write", KeyWriter::write, string("name", KEY_NAME, 64),
                string("content", KEY_CONTENT, 16384).markSecret(), bool("overwrite").optional(false)));
        a.add(spec("console-issue", ConsoleIssue::write, string("code", ConsoleIssue.CODE, 6).markSecret(),
                string("url", ConsoleIssue.URL, 300), string("fingerprint", ConsoleIssue.FINGERPRINT, 95)));
        a.add(spec("console-issue-clear", ConsoleIssue::clear));
        addVmActions(a);
        a.add(spec("template-build", TemplateBuild::build, string("name", TEMPLATE_NAME, 64),
                list("packages", PACKAGE, 101, 256), list("local_packages", LOCAL_DEB, 105, 16).optional(null)));
        Map<String, ActionSpec> m = new LinkedHashMap<>();
        a.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }

    private static void addVmActions(List<ActionSpec> a) {
        a.add(spec("vm-define", VmActions::define, vmName(), integer("vcpus", 1, 64),
                integer("memory_mib", 64, 262144),
                path("disk", Root.VMS, true, OVERLAY_FILE).optional(null),
                path("seed", Root.VMS, true, SEED_FILE).optional(null),
                oneOf("net_type", "network", "bridge").optional("network"),
                string("network", NETWORK, 32).optional(null),
                string("mac", MAC, 17).optional(null),
                bool("guest_agent").optional(true),
                oneOf("virt_type", "kvm", "qemu").optional("kvm"),
                integer("loopback_ssh_port", 1024, 65535).optional(null)));
        a.add(spec("vm-start", VmActions::start, vmName()));
        a.add(spec("vm-shutdown", VmActions::shutdown, vmName()));
        a.add(spec("vm-destroy", VmActions::destroy, vmName()));
        a.add(spec("vm-suspend", VmActions::suspend, vmName()));
        a.add(spec("vm-resume", VmActions::resume, vmName()));
        a.add(spec("vm-state", VmActions::state, vmName()));
        a.add(spec("vm-undefine", VmActions::undefine, vmName(), bool("remove_disks").optional(true)));
        a.add(spec("disk-create", DiskCreate::create, path("template", Root.TEMPLATES, true, TEMPLATE_FILE),
                path("overlay", Root.VMS, false, OVERLAY_FILE), integer("size_gib", 1, 4096).optional(null)));
        a.add(spec("seed-create", SeedImage::create, path("output", Root.VMS, false, SEED_FILE),
                string("hostname", HOSTNAME, 63), string("instance_id", INSTANCE_ID, 64), string("user", USER, 32),
                // no engine and wallet: a warm-pool VM, which nobody can log in to until vm-set-owner
                oneOf("engine", ENGINES).optional(null), string("wallet", WALLET, 100).optional(null),
                string("nft_id", NFT_ID, 78), integer("ssh_port", 1, 65535).optional(22L),
                bool("wallet_login").optional(true), bool("sudo").optional(false),
                // optional static guest network (NoCloud network-config v2); DHCP without it
                string("mac", MAC, 17).optional(null),
                hostAddress("ipv4_address", false).optional(null), integer("ipv4_prefix", 8, 32).optional(null),
                hostAddress("ipv4_gateway", false).optional(null),
                hostAddress("ipv6_address", true).optional(null), hostAddress("ipv6_gateway", true).optional(null),
                list("dns", DNS_SERVER, 39, 4).optional(null),
                // optional pam_web3 settings, written to /etc/pam_web3.conf (all three or none)
                string("login_host", LOGIN_HOST, 253).optional(null),
                integer("login_chain_id", 1, (1L << 53) - 1).optional(null),
                string("signing_url", SIGNING_URL, 1010).optional(null)));
        a.add(spec("vm-guest-ready", GuestReady::probe, vmName()));
        // optional owner (all three or none): the buyer's GECOS in the same guest command
        a.add(spec("vm-assign", GuestAssign::assign, vmName(), string("hostname", HOSTNAME, 63),
                string("user", USER, 32).optional(null), oneOf("engine", ENGINES).optional(null),
                string("wallet", WALLET, 100).optional(null)));
        a.add(spec("vm-set-owner", GuestOwner::setOwner, vmName(), string("user", USER, 32),
                oneOf("engine", ENGINES), string("wallet", WALLET, 100), string("nft_id", NFT_ID, 78)));
        a.add(spec("vm-expiry-notice", GuestExpiryNotice::notice, vmName(), integer("expires_at",
                GuestExpiryNotice.MIN_EXPIRY, GuestExpiryNotice.MAX_EXPIRY), string("renew_url", GuestExpiryNotice.RENEW_URL, 300),
                oneOf("kind", "banner", "wall")));
    }

    private static Param vmName() {
        return string("name", VM_NAME, 40);
    }

    private static ActionSpec spec(String name, ActionSpec.Handler h, Param... params) {
        return new ActionSpec(name, List.of(params), h);
    }
}
