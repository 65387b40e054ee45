package org.blockhost.provisioner.proxmox.internal.setup;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.ProxmoxConfig;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The provisioner's configuration (PID {@value ProxmoxConfig#PID}) as the finalization step reads and merges it. */
public interface ConfigStore {

    /** The stored properties (empty when there is no configuration yet). */
    Map<String, Object> current() throws IOException;

    /** Merges these properties into the stored ones (creating the configuration, which activates the provisioner). */
    void merge(Map<String, Object> props) throws IOException;

    /** Over Config Admin. */
    static ConfigStore of(ConfigurationAdmin cm) {
        return new ConfigStore() {
            @Override
            public Map<String, Object> current() throws IOException {
                Dictionary<String, Object> d = cm.getConfiguration(ProxmoxConfig.PID, "?").getProperties();
                Map<String, Object> out = new HashMap<>();
                if (d != null) {
                    for (Enumeration<String> e = d.keys(); e.hasMoreElements();) {
                        String k = e.nextElement();
                        out.put(k, d.get(k));
                    }
                }
                return out;
            }

            @Override
            public void merge(Map<String, Object> props) throws IOException {
                Configuration c = cm.getConfiguration(ProxmoxConfig.PID, "?");
                Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
                props.forEach(d::put);
                c.updateIfDifferent(d);
            }
        };
    }
}
