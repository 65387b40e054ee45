package org.blockhost.engine.evm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the EVM engine (PID {@value EvmEngine#PID}). Holds no secret: the host key is read from a file. */
@ObjectClassDefinition(name = "BlockHost EVM engine", description = "Chain, contracts and watcher settings of the EVM engine")
public @interface EvmConfig {
    @AttributeDefinition(name = "Chain id", description = "EIP-155 chain id; checked against the RPC on every new"
            + " connection (nothing is read or sent while it differs)")
    long chainId();

    @AttributeDefinition(name = "RPC URL", description = "https JSON-RPC endpoint; http, loopback and private"
            + " addresses are refused unless dev mode is on")
    String rpcUrl();

    @AttributeDefinition(name = "Dev mode", description = "Allow loopback/private RPC addresses (local anvil)")
    boolean devMode() default false;

    @AttributeDefinition(name = "Subscriptions contract", description = "BlockhostSubscriptions address")
    String subscriptionsAddress();

    @AttributeDefinition(name = "Credential contract", description = "AccessCredential address")
    String credentialAddress();

    @AttributeDefinition(name = "Host key file", description = "Path of the file holding the host wallet's private"
            + " key (64 hex digits); must not be readable by others")
    String hostKeyFile();

    @AttributeDefinition(name = "Confirmations", description = "Blocks below the head before events are acted on",
            min = "0", max = "1000")
    int confirmations() default 2;

    @AttributeDefinition(name = "Finality depth", description = "Depth treated as final where the chain has no"
            + " 'finalized' block tag", min = "1", max = "100000")
    int finalityDepth() default 64;

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often the head is polled", min = "20",
            max = "600000")
    long pollIntervalMs() default 250;

    @AttributeDefinition(name = "New heads by WebSocket", description = "Subscribe to new heads (eth_subscribe) on"
            + " the RPC's WebSocket (ws/wss, same host, port and path); polling stays the fallback")
    boolean newHeadsWebSocket() default true;

    @AttributeDefinition(name = "Start block", description = "First block to scan when no cursor exists (the"
            + " contracts' deployment block)", min = "0")
    long startBlock() default 0;

    @AttributeDefinition(name = "Maximum log range", description = "Largest eth_getLogs block range", min = "1",
            max = "100000")
    int maxLogRange() default 2000;

    @AttributeDefinition(name = "Reorg rewind depth", description = "Blocks to rewind when a reorg below the cursor"
            + " is found after a restart", min = "1", max = "100000")
    int rewindDepth() default 128;

    @AttributeDefinition(name = "Receipt timeout (s)", description = "How long to wait for a transaction receipt",
            min = "1", max = "86400")
    long receiptTimeoutSeconds() default 300;

    @AttributeDefinition(name = "Maximum fee per gas (gwei)", description = "Cap on the host's EIP-1559 max fee per"
            + " gas: sends never offer more, and a stuck transaction is not re-priced above it (it waits, and a"
            + " warning says so)", min = "1", max = "1000000")
    long maxFeePerGasGwei() default 500;

    @AttributeDefinition(name = "Native coin symbol", description = "Symbol of the chain's native coin in balances")
    String nativeSymbol() default "ETH";

    @AttributeDefinition(name = "Public RPC URL", description = "JSON-RPC URL the buyer pages offer to a wallet that"
            + " does not know this chain yet (wallet_addEthereumChain); shown to anyone, so never one holding an API"
            + " key; same URL rules as the RPC URL; empty: buyers add the network themselves")
    String publicRpcUrl() default "";

    @AttributeDefinition(name = "Chain name", description = "Network name the buyer pages give a wallet that adds the chain")
    String chainName() default "";
}
