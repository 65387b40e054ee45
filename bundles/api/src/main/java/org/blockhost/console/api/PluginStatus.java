package org.blockhost.console.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of engine and provisioner plugins, and the place where core code reports a plugin
 * that misbehaved (threw from a fenced call). A failed plugin stays failed until its bundle is
 * updated or reinstalled; the platform keeps serving everything else.
 */
@ProviderType
public interface PluginStatus {

    /** All engine and provisioner plugins currently installed, ordered by kind then id. */
    List<PluginInfo> plugins();

    /**
     * Marks the plugin that owns a bundle failed.
     *
     * @param bundleId the bundle whose code failed
     * @param where what was being called, for example "finalization step evm.deploy"
     * @param cause the failure; only its class and message are kept
     */
    void reportFailure(long bundleId, String where, Throwable cause);
}
