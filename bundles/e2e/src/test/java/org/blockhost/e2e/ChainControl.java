package org.blockhost.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoException;
import org.blockhost.demo.DemoWallet;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Anvil's test controls (time, mining) and raw log queries, on the demo client's connection. */
final class ChainControl {
    /** topic0 of {@code CredentialMinted(uint256 indexed tokenId, uint256 indexed subscriptionId, address indexed to)}. */
    static final String CREDENTIAL_MINTED = Hash.sha3String("CredentialMinted(uint256,uint256,address)");
    /** topic0 of {@code SubscriptionCreated(uint256 indexed, uint256 indexed, address indexed, uint64, bytes)}. */
    static final String SUBSCRIPTION_CREATED = Hash.sha3String("SubscriptionCreated(uint256,uint256,address,uint64,bytes)");

    private final DemoChain chain;

    ChainControl(DemoChain chain) {
        this.chain = chain;
    }

    /** Moves chain time forward for the next blocks and mines one so the watcher and lifecycle see it. */
    void advanceTime(long seconds) {
        chain.rpc("evm_increaseTime", seconds);
        chain.rpc("evm_mine");
    }

    /** Mines {@code blocks} blocks at once ({@code anvil_mine}), e.g. to move a block past finality. */
    void mine(long blocks) {
        chain.rpc("anvil_mine", "0x" + Long.toHexString(blocks));
    }

    /** Interval mining every {@code seconds} (0 stops block production until set again). */
    void intervalMining(long seconds) {
        chain.rpc("evm_setIntervalMining", seconds);
    }

    /** Number of transactions waiting in the node's pool. */
    long pendingTransactions() {
        Object status = chain.rpc("txpool_status");
        Object pending = ((java.util.Map<?, ?>) status).get("pending");
        return new BigInteger(pending.toString().replaceFirst("^0x", ""), pending.toString().startsWith("0x") ? 16 : 10)
                .longValueExact();
    }

    /** Every {@code CredentialMinted} log of the credential contract from block {@code from}. */
    List<Log> credentialMinted(long from) throws IOException {
        return logs(from, chain.stack().credential(), CREDENTIAL_MINTED);
    }

    /** Every {@code SubscriptionCreated} log (a mined purchase) from block {@code from}; topic 1 is the subscription id. */
    List<Log> subscriptionCreated(long from) throws IOException {
        return logs(from, chain.stack().subscriptions(), SUBSCRIPTION_CREATED);
    }

    private List<Log> logs(long from, String contract, String topic) throws IOException {
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(from), DefaultBlockParameterName.LATEST, contract);
        filter.addSingleTopic(topic);
        EthLog result = chain.web3j().ethGetLogs(filter).send();
        if (result.hasError()) {
            throw new IOException("eth_getLogs: " + result.getError().getMessage());
        }
        return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    }

    /** Mints recorded on chain for one subscription id. */
    long mintsOf(long subscriptionId) throws IOException {
        return credentialMinted(0).stream().filter(l -> subscriptionOf(l) == subscriptionId).count();
    }

    static long subscriptionOf(Log mint) {
        return new BigInteger(mint.getTopics().get(2).substring(2), 16).longValueExact();
    }

    static long tokenOf(Log mint) {
        return new BigInteger(mint.getTopics().get(1).substring(2), 16).longValueExact();
    }

    static String recipientOf(Log mint) {
        return "0x" + mint.getTopics().get(3).substring(26);
    }

    /** Polls until the wallet can decrypt the token's credentials (the host re-seals after a key registration). */
    static JsonNode awaitDecryptable(Credentials credentials, DemoWallet wallet, long token, Duration timeout)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return Stack.JSON.readTree(credentials.decrypt(wallet, token).json());
            } catch (DemoException e) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("credentials of token " + token + " never re-sealed to " + wallet.address(), e);
                }
                Thread.sleep(250);
            }
        }
    }
}
