package org.blockhost.core.internal.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;

/** Records reportFailure calls. */
public class RecordingStatus implements PluginStatus {
    public final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public List<PluginInfo> plugins() {
        return List.of();
    }

    @Override
    public void reportFailure(long bundleId, String where, Throwable cause) {
        failures.add(bundleId + " " + where + ": " + cause);
    }
}
