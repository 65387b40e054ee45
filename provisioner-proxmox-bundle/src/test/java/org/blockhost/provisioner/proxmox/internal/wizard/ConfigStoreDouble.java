package org.blockhost.provisioner.proxmox.internal.wizard;

import java.util.HashMap;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.setup.ConfigStore;

/** The provisioner's configuration in a map (Config Admin's part is covered by {@code ProxmoxBundleIT}). */
public final class ConfigStoreDouble implements ConfigStore {
    public final Map<String, Object> props = new HashMap<>();
    public int merges;

    public static ConfigStoreDouble empty() {
        return new ConfigStoreDouble();
    }

    @Override
    public Map<String, Object> current() {
        return new HashMap<>(props);
    }

    @Override
    public void merge(Map<String, Object> p) {
        merges++;
        props.putAll(p);
    }
}
