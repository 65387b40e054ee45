package org.blockhost.core.internal.active;

import org.blockhost.engine.api.Engine;

/** The wallet a VM owner logs in with ({@link Engine#loginWallet}), asked of the active engine through the fence. */
public final class LoginWallets {
    private LoginWallets() {
    }

    /**
     * {@code owner}'s login wallet; an engine that cannot tell now (its node has not seen the key yet)
     * is a retryable {@link FenceException}, never a guessed address.
     */
    public static String of(PluginHandle<Engine> engine, Fence fence, String owner) throws FenceException {
        return fence.call(engine, "engine " + engine.id() + " login wallet of " + owner, () -> engine.service().loginWallet(owner));
    }
}
