package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Merges validated properties into the configuration that owns each: the provisioner's, or core's
 * lifecycle configuration for the grace period ({@link SetupForm#pidOf}).
 */
public final class ConfigWriter {
    private final ConfigurationAdmin cm;

    public ConfigWriter(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    public void merge(Map<String, Object> props) throws IOException {
        Map<String, Map<String, Object>> byPid = new java.util.TreeMap<>();
        props.forEach((k, v) -> byPid.computeIfAbsent(SetupForm.pidOf(k), p -> new java.util.LinkedHashMap<>()).put(k, v));
        for (var e : byPid.entrySet()) {
            Configuration c = cm.getConfiguration(e.getKey(), "?");
            Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            e.getValue().forEach(d::put);
            c.updateIfDifferent(d);
        }
    }

    /** The provisioner's configuration, with core's grace period. */
    public Map<String, Object> current() throws IOException {
        Map<String, Object> out = new java.util.HashMap<>();
        copy(LibvirtConfig.PID, out);
        Map<String, Object> core = new java.util.HashMap<>();
        copy(SetupForm.CORE_LIFECYCLE_PID, core);
        if (core.containsKey(SetupForm.GRACE_PROPERTY)) {
            out.put(SetupForm.GRACE_PROPERTY, core.get(SetupForm.GRACE_PROPERTY));
        }
        return out;
    }

    private void copy(String pid, Map<String, Object> out) throws IOException {
        Dictionary<String, Object> d = cm.getConfiguration(pid, "?").getProperties();
        if (d != null) {
            for (var e = d.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                out.put(k, d.get(k));
            }
        }
    }
}
