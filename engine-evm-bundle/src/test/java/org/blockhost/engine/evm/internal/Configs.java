package org.blockhost.engine.evm.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds an {@link EvmConfig} the way DS would: given values, else the annotation's defaults. */
final class Configs {
    private Configs() {
    }

    static EvmConfig evm(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(values);
        return (EvmConfig) Proxy.newProxyInstance(EvmConfig.class.getClassLoader(), new Class<?>[] {EvmConfig.class},
                (proxy, method, args) -> {
                    if (v.containsKey(method.getName())) {
                        return v.get(method.getName());
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new IllegalStateException("no value for " + method.getName());
                    }
                    return fallback;
                });
    }
}
