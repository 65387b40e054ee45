package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Merges validated properties into the provisioner's configuration. */
public final class ConfigWriter {
    private final ConfigurationAdmin cm;

    public ConfigWriter(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    public void merge(Map<String, Object> props) throws IOException {
        Configuration c = cm.getConfiguration(LibvirtConfig.PID, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.forEach(d::put);
        c.updateIfDifferent(d);
    }

    public Map<String, Object> current() throws IOException {
        Configuration c = cm.getConfiguration(LibvirtConfig.PID, "?");
        Map<String, Object> out = new java.util.HashMap<>();
        Dictionary<String, Object> d = c.getProperties();
        if (d != null) {
            for (var e = d.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                out.put(k, d.get(k));
            }
        }
        return out;
    }
}
