package org.blockhost.engine.opnet.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code opnet.engine-config} (ENGINE_POST, 900): writes the engine's configuration (PID {@value OpnetEngine#PID})
 * through Config Admin from the answers and the published contract addresses and start block, which activates
 * the engine (its configuration is required). Holds no secret: the host key file's path only. Complete when the
 * configuration holds exactly these values; a retry writes nothing ({@code updateIfDifferent}).
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class EngineConfigStep extends OpnetSetupStep {
    /** The engine's configuration as this step reads and merges it. */
    interface Store {
        Map<String, Object> current() throws IOException;

        void merge(Map<String, Object> values) throws IOException;
    }

    private final Store store;

    @Activate
    public EngineConfigStep(@Reference ConfigurationAdmin cm) {
        this(over(cm));
    }

    EngineConfigStep(Store store) {
        super("opnet.engine-config", "Write the OPNet engine configuration", Phase.ENGINE_POST, 900,
                Set.of(OpnetAnswers.RPC_URL, OpnetAnswers.HOST_ADDRESS, OpnetAnswers.HOST_KEY_FILE));
        this.store = store;
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        Map<String, Object> wanted = values(context);
        try {
            Map<String, Object> current = store.current();
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        try {
            store.merge(values(context));
        } catch (IOException e) {
            throw new StepException("cannot store the OPNet engine configuration: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> values(FinalizationContext context) throws StepException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rpcUrl", rpcUrl(context));
        v.put("devMode", context.devMode());
        v.put("subscriptionsAddress", published(context, OpnetAnswers.SUBSCRIPTIONS));
        v.put("credentialAddress", published(context, OpnetAnswers.CREDENTIAL));
        v.put("hostAddress", address(context, OpnetAnswers.HOST_ADDRESS));
        v.put("hostKeyFile", context.requireAnswer(OpnetAnswers.HOST_KEY_FILE).strip());
        v.put("network", context.requireAnswer(OpnetAnswers.NETWORK).strip());
        try {
            v.put("startBlock", Long.parseLong(published(context, OpnetAnswers.START_BLOCK)));
        } catch (NumberFormatException e) {
            throw new StepException("'" + OpnetAnswers.START_BLOCK + "' is not a block number");
        }
        return v;
    }

    private static String rpcUrl(FinalizationContext context) throws StepException {
        try {
            return NodeCheck.endpoint(context.requireAnswer(OpnetAnswers.RPC_URL), context.devMode()).toString();
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
    }

    private static String published(FinalizationContext context, String key) throws StepException {
        return context.published(key).orElseThrow(() -> new StepException("'" + key
                + "' has not been published (run opnet.contracts first)"));
    }

    private static Store over(ConfigurationAdmin cm) {
        return new Store() {
            @Override
            public Map<String, Object> current() throws IOException {
                Dictionary<String, Object> d = cm.getConfiguration(OpnetEngine.PID, "?").getProperties();
                Map<String, Object> out = new LinkedHashMap<>();
                if (d != null) {
                    java.util.Collections.list(d.keys()).forEach(k -> out.put(k, d.get(k)));
                }
                return out;
            }

            @Override
            public void merge(Map<String, Object> values) throws IOException {
                Configuration c = cm.getConfiguration(OpnetEngine.PID, "?");
                Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
                values.forEach(d::put);
                c.updateIfDifferent(d);
            }
        };
    }
}
