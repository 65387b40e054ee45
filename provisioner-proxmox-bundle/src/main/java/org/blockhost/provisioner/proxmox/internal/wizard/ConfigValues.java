package org.blockhost.provisioner.proxmox.internal.wizard;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.ProxmoxConfig;
import org.blockhost.provisioner.proxmox.internal.Settings;

/**
 * Settings from configuration properties not yet active (the form's, over what is stored): a
 * {@link ProxmoxConfig} view of a map, each attribute the map's value or the attribute's default,
 * validated by {@link Settings#from}.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** The settings these properties describe (IllegalArgumentException naming the invalid field). */
    public static Settings settings(Map<String, Object> props) {
        return Settings.from(config(props));
    }

    static ProxmoxConfig config(Map<String, Object> props) {
        return (ProxmoxConfig) Proxy.newProxyInstance(ProxmoxConfig.class.getClassLoader(), new Class<?>[] {ProxmoxConfig.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "annotationType" -> ProxmoxConfig.class;
                    case "toString" -> "ProxmoxConfig" + props.keySet();
                    case "hashCode" -> props.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> convert(m, props.get(m.getName()));
                });
    }

    private static Object convert(Method m, Object v) {
        Class<?> t = m.getReturnType();
        if (v == null) {
            return m.getDefaultValue();
        }
        if (t == String[].class) {
            if (v.getClass().isArray()) {
                String[] out = new String[Array.getLength(v)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = String.valueOf(Array.get(v, i));
                }
                return out;
            }
            return new String[] {v.toString()};
        }
        String s = v.toString().strip();
        if (t == int.class) {
            return Integer.parseInt(s);
        } else if (t == long.class) {
            return Long.parseLong(s);
        } else if (t == double.class) {
            return Double.parseDouble(s);
        } else if (t == boolean.class) {
            return Boolean.parseBoolean(s);
        }
        return s;
    }
}
