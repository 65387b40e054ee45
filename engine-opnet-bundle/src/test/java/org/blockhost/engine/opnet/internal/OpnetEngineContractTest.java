package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineContract;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared engine contract ({@link EngineContract}, from the API's test-jar) on the loopback {@link RpcFixture}
 * node: the blocks hold transactions and events the OP_NET VM produced ({@link ContractChain} takes them from
 * {@link VmRecording}), the contracts' state per block and the write sidecar's answers come from {@link ContractChain}
 * (test doubles); the engine, its reads and the watcher are the real ones. Wallets 1–3 are the recording's: ML-DSA-44
 * keys from fixed seeds.
 */
class OpnetEngineContractTest extends EngineContract {
    private static final String HOST = VmRecording.VM.host();
    private static RpcFixture node;
    private static ContractChain chain;
    private static OpnetEngine engine;
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        node = new RpcFixture();
        chain = new ContractChain(node);
        chain.mine(3);
        Sidecar sidecar = new Sidecar(new FakeSidecar(req -> chain.sidecar(req, HOST)),
                JsonNodeFactory.instance.objectNode().put("op", "init"), Duration.ofSeconds(5), System::currentTimeMillis);
        engine = new OpnetEngine(new MemorySink(), OpnetEngineTest.config(Map.of("rpcUrl", node.url().toString(),
                "hostAddress", HOST, "subscriptionsAddress", ContractChain.SUBS, "credentialAddress", ContractChain.CRED,
                "pollIntervalMs", 600_000L)), -1, sidecar); // the suite polls its own watchers
        harness = new FixtureHarness();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.deactivate();
        }
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected Harness harness() {
        return harness;
    }

    /** The recorded wallet {@code i}'s key ({@link VmRecording#walletKey}): its address is in the VM's transactions. */
    private static byte[] publicKey(int i) {
        return VmRecording.walletKey(i).getPublicKeyParameters().getEncoded();
    }

    private static String canonical(int i) {
        return "0x" + Hex.encode(TaprootTweak.sha256(publicKey(i)));
    }

    private static final class FixtureHarness implements Harness {
        @Override
        public Engine engine() {
            return engine;
        }

        @Override
        public Watcher watcher(ChainEventSink sink) {
            return new OpnetWatcher(OpnetEngine.ID, new OpnetRpc(node.url(), Duration.ofSeconds(5)), sink,
                    new EventDecoder(ContractChain.SUBS, ContractChain.CRED), new OpnetWatcher.Settings(0, Math.max(0, node.tip() - 16), 2, 16))::poll;
        }

        /** The OPNet address of wallet {@code i}'s ML-DSA key, in upper case (normalise makes it lower case). */
        @Override
        public String wallet(int i) {
            return "0x" + canonical(i).substring(2).toUpperCase(Locale.ROOT);
        }

        @Override
        public String sign(int i, String message) throws Exception {
            MLDSASigner signer = new MLDSASigner();
            signer.init(true, new ParametersWithRandom(VmRecording.walletKey(i), new SecureRandom()));
            byte[] digest = OpnetSignIn.digest(message);
            signer.update(digest, 0, digest.length);
            return "mldsa:44:" + Hex.encode(publicKey(i)) + ":" + Hex.encode(signer.generateSignature());
        }

        @Override
        public long buy(int i) {
            return chain.buy(canonical(i));
        }

        @Override
        public void transfer(long tokenId, int from, int to) {
            chain.transfer(tokenId, canonical(from), canonical(to));
        }

        @Override
        public void mine(int blocks) {
            chain.mine(blocks);
        }

        @Override
        public void reorg(int depth) {
            chain.reorg(depth);
        }

        @Override
        public void outage(boolean down) {
            node.down(down);
        }

        @Override
        public long hostWrites() {
            return chain.writes();
        }

        @Override
        public byte[] storedCredentials(long tokenId) {
            return chain.credentials(tokenId);
        }

        @Override
        public String blockHash(long height) {
            return node.hashAt(height);
        }

        /** OPNet cursors carry {@code <hash>:<checksumRoot>} (a re-executed block keeps its hash, not its checksum). */
        @Override
        public String cursorHash(long height) {
            return node.hashAt(height) + ":" + node.checksumAt(height);
        }
    }
}
