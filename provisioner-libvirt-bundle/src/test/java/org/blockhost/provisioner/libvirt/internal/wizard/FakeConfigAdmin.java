package org.blockhost.provisioner.libvirt.internal.wizard;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** ConfigurationAdmin with in-memory configurations by PID, enough for the wizard and the step. */
public final class FakeConfigAdmin {
    public final Map<String, Map<String, Object>> byPid = new HashMap<>();
    /** The provisioner's own configuration. */
    public final Map<String, Object> props = pid(LibvirtConfig.PID);
    public int updates;
    public boolean fail;

    public Map<String, Object> pid(String pid) {
        return byPid.computeIfAbsent(pid, k -> new HashMap<>());
    }

    private Configuration config(Map<String, Object> props) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperties" -> props.isEmpty() ? null : new Hashtable<>(props);
                    case "updateIfDifferent" -> {
                        if (fail) {
                            throw new java.io.IOException("disk full at /secret/path");
                        }
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                        props.clear();
                        for (var e = d.keys(); e.hasMoreElements();) {
                            String k = e.nextElement();
                            props.put(k, d.get(k));
                        }
                        updates++;
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    public ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
                    if (m.getName().equals("getConfiguration")) {
                        return config(pid((String) a[0]));
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
