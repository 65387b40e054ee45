package org.blockhost.core.internal.plugins;

import java.util.function.Supplier;

/** Small helpers for calling into plugin code without letting it take core down. */
public final class PluginFence {

    private PluginFence() {
    }

    /** A plugin's id, or a placeholder when its id() throws. */
    public static String safeId(Supplier<String> id) {
        try {
            return String.valueOf(id.get());
        } catch (RuntimeException e) {
            return "<id failed: " + e.getClass().getSimpleName() + ">";
        }
    }

    /** A one-line description of a failure: exception class and message, no stack. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.strip().lines().findFirst().orElse("");
    }
}
