package org.blockhost.installer.internal.network;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** An in-memory ConfigurationAdmin for the steps' unit tests: getConfiguration, getProperties, updateIfDifferent. */
final class MemoryConfigAdmin {
    final Map<String, Dictionary<String, Object>> store = new HashMap<>();

    ConfigurationAdmin cm() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (p, m, a) -> m.getName().equals("getConfiguration") ? configuration((String) a[0]) : null);
    }

    @SuppressWarnings("unchecked")
    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getProperties" -> store.containsKey(pid) ? copy(store.get(pid)) : null;
                    case "updateIfDifferent" -> {
                        store.put(pid, copy((Dictionary<String, Object>) a[0]));
                        yield true;
                    }
                    default -> null;
                });
    }

    static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> c = new Hashtable<>();
        for (var e = d.keys(); e.hasMoreElements();) {
            String k = e.nextElement();
            c.put(k, d.get(k));
        }
        return c;
    }
}
