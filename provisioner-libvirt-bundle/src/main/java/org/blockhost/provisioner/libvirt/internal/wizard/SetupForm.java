package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.net.Ipv4Pool;

/**
 * The wizard's and the answers file's fields, validated into configuration properties. Every error
 * message is fixed text naming the field: the submitted value is never echoed.
 */
public final class SetupForm {
    public static final String URI = "libvirt.uri";
    public static final String VM_DIR = "libvirt.vm_dir";
    public static final String NET_TYPE = "libvirt.net_type";
    public static final String NETWORK = "libvirt.network";
    public static final String POOL = "libvirt.ipv4_pool";
    public static final String MODE = "libvirt.network_mode";
    public static final String RANGE = "libvirt.ipv4_range";
    public static final String GATEWAY = "libvirt.ipv4_gateway";
    public static final String DNS = "libvirt.ipv4_dns";
    private static final String IP = "[0-9]{1,3}(\\.[0-9]{1,3}){3}";
    public static final String GRACE = "libvirt.grace_days";
    /**
     * Core's lifecycle configuration, the one owner of the grace period ({@code gracePeriodDays});
     * the grace field is written there, not into the provisioner's configuration.
     */
    public static final String CORE_LIFECYCLE_PID = "org.blockhost.core.lifecycle";
    /** Core's grace period property, in days. */
    public static final String GRACE_PROPERTY = "gracePeriodDays";

    /** Field → (configuration property, validator returning the typed value or throwing). */
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(URI, new Field("uri", "libvirt URI must look like qemu:///system or test:///default",
                v -> check(Settings.URI.matcher(v).matches(), v)));
        FIELDS.put(VM_DIR, new Field("vmDir", "VM directory must be an absolute path like /var/lib/blockhost/vms",
                v -> check(v.matches("(/[A-Za-z0-9._-]+)+") && !v.matches(".*/\\.{1,2}(/.*)?"), v)));
        FIELDS.put(NET_TYPE, new Field("netType", "network type must be 'network' or 'bridge'",
                v -> check(v.equals("network") || v.equals("bridge"), v)));
        FIELDS.put(NETWORK, new Field("network", "network or bridge name: letters, digits, '.', '_', '-' (at most 15)",
                v -> check(Settings.NETWORK.matcher(v).matches(), v)));
        FIELDS.put(MODE, new Field("networkMode", "network mode must be forward (single public address), pool or dhcp",
                v -> check(Settings.NETWORK_MODES.contains(v), v)));
        FIELDS.put(POOL, new Field("ipv4Pool", "address pool must be an IPv4 CIDR like 192.0.2.0/24 (prefix 8 to 30)",
                v -> Ipv4Pool.parse(v).toString()));
        FIELDS.put(RANGE, new Field("ipv4Range", "address range must be first-last, like 192.0.2.10-192.0.2.99",
                v -> check(v.matches(IP + "-" + IP), v)));
        FIELDS.put(GATEWAY, new Field("ipv4Gateway", "gateway must be one IPv4 address, like 192.0.2.1",
                v -> check(v.matches(IP), v)));
        FIELDS.put(DNS, new Field("ipv4Dns", "DNS servers must be 1 to 4 IPv4 addresses, comma-separated",
                v -> check(v.matches(IP + "(," + IP + "){0,3}"), v)));
        FIELDS.put(GRACE, new Field(GRACE_PROPERTY, "grace days must be a whole number from 0 to 365",
                v -> {
                    check(v.matches("[0-9]{1,3}") && Integer.parseInt(v) <= 365, v);
                    return Integer.parseInt(v);
                }));
    }

    private record Field(String property, String message, Function<String, Object> validator) {
    }

    /** Valid properties, or the errors by field. */
    public record Result(Map<String, Object> properties, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private SetupForm() {
    }

    public static Iterable<String> fields() {
        return FIELDS.keySet();
    }

    public static String property(String field) {
        return FIELDS.get(field).property();
    }

    /** The configuration PID that owns a property of this form: core's lifecycle for the grace period. */
    public static String pidOf(String property) {
        return GRACE_PROPERTY.equals(property) ? CORE_LIFECYCLE_PID : org.blockhost.provisioner.libvirt.internal.LibvirtConfig.PID;
    }

    /** Validates submitted values; a missing or empty field is left as configured (the pool, range, gateway and DNS may be cleared with "none"). */
    public static Result validate(Function<String, String> input) {
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        FIELDS.forEach((name, f) -> {
            String v = input.apply(name);
            if (v == null || v.isBlank()) {
                return;
            }
            v = v.strip();
            if (java.util.Set.of(POOL, RANGE, GATEWAY, DNS).contains(name) && v.equals("none")) {
                props.put(f.property(), "");
                return;
            }
            try {
                props.put(f.property(), f.validator().apply(v));
            } catch (IllegalArgumentException e) {
                errors.put(name, f.message());
            }
        });
        return new Result(props, errors);
    }

    private static Object check(boolean ok, String v) {
        if (!ok || v.length() > 200) {
            throw new IllegalArgumentException();
        }
        return v;
    }
}
