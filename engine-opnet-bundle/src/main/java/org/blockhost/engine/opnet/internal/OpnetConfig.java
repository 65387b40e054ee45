package org.blockhost.engine.opnet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OPNet engine (PID {@value OpnetEngine#PID}). Holds no secret. */
@ObjectClassDefinition(name = "BlockHost OPNet engine", description = "Node, contracts and watcher settings of the OPNet engine")
public @interface OpnetConfig {
    @AttributeDefinition(name = "RPC URL", description = "https JSON-RPC endpoint of an OPNet node; http and"
            + " loopback/private addresses only in dev mode")
    String rpcUrl();

    @AttributeDefinition(name = "Dev mode", description = "Allow http and loopback/private RPC addresses")
    boolean devMode() default false;

    @AttributeDefinition(name = "Subscriptions contract", description = "OPNet address (0x + 64 hex)")
    String subscriptionsAddress();

    @AttributeDefinition(name = "Credential contract", description = "OPNet address (0x + 64 hex)")
    String credentialAddress();

    @AttributeDefinition(name = "Host address", description = "The host wallet's OPNet address (0x + 64 hex)")
    String hostAddress();

    @AttributeDefinition(name = "Host key file", description = "Path of the host wallet's mnemonic (root:blockhost 0640);"
            + " the write sidecar reads it, the engine never does. Empty: no writes (every write is unavailable)")
    String hostKeyFile() default "";

    @AttributeDefinition(name = "Network", description = "Bitcoin network of the node: mainnet, testnet or regtest"
            + " (the sidecar derives the host wallet's addresses for it)")
    String network() default "mainnet";

    @AttributeDefinition(name = "Node binary", description = "Node 24 that runs the write sidecar")
    String nodeBinary() default SidecarSetup.NODE_BINARY;

    @AttributeDefinition(name = "Sidecar directory", description = "Directory holding sidecar.mjs and its node_modules")
    String sidecarDir() default SidecarSetup.SIDECAR_DIR;

    @AttributeDefinition(name = "Sidecar timeout (s)", description = "Longest wait for one sidecar answer (a write"
            + " simulates, fetches UTXOs and the epoch challenge, signs and broadcasts)", min = "5", max = "600")
    int sidecarTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Confirmations", description = "Blocks below the head before events are acted on",
            min = "0", max = "100")
    int confirmations() default 1;

    @AttributeDefinition(name = "Finality depth", description = "Depth treated as final (Bitcoin has no finality"
            + " tag)", min = "1", max = "1000")
    int finalityDepth() default 6;

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often the head is polled", min = "20",
            max = "600000")
    long pollIntervalMs() default 5000;

    @AttributeDefinition(name = "Start block", description = "First block to scan when no cursor exists", min = "0")
    long startBlock() default 0;

    @AttributeDefinition(name = "Blocks per step", description = "Most blocks read before one commit", min = "1",
            max = "1000")
    int maxBlocksPerStep() default 50;

    @AttributeDefinition(name = "Reorg rewind depth", description = "Blocks to rewind when the cursor's block is gone"
            + " and no recently read block is canonical", min = "1", max = "10000")
    int rewindDepth() default 24;

    @AttributeDefinition(name = "RPC timeout (s)", min = "1", max = "600")
    int rpcTimeoutSeconds() default 30;
}
