package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.VmRecording.VM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.SubscriptionRecord;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.Test;

/**
 * The engine's reads and sign-in on what the OP_NET VM answered ({@link VmRecording}): the fixture node serves the
 * recorded blocks and answers {@code btc_call} with the VM's return and revert data of the same calls.
 */
class OpnetVmReadsTest {
    private static final long T0 = 1_767_225_600L;
    private static final long DAY = 86_400L;

    private static OpnetEngine engine(RpcFixture node) {
        return new OpnetEngine(new MemorySink(), OpnetEngineTest.config(Map.of("rpcUrl", node.url().toString(),
                "subscriptionsAddress", VM.subscriptions(), "credentialAddress", VM.credential(), "hostAddress", VM.host(),
                "confirmations", 1, "finalityDepth", 6, "pollIntervalMs", 600_000L)), -1);
    }

    /** The recorder's wallets are the OPNet addresses of keys Java holds: an ML-DSA sign-in names them. */
    @Test
    void walletsAreTheAddressesOfTheirMlDsaKeys() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            OpnetEngine engine = engine(node);
            try {
                for (int i = 1; i <= 3; i++) {
                    MLDSAPrivateKeyParameters key = VmRecording.walletKey(i);
                    byte[] publicKey = key.getPublicKeyParameters().getEncoded();
                    assertEquals(VM.wallet(i), "0x" + Hex.encode(VmRecording.sha256(publicKey)));
                    MLDSASigner signer = new MLDSASigner();
                    signer.init(true, new ParametersWithRandom(key, new SecureRandom()));
                    byte[] digest = OpnetSignIn.digest("sign in " + i);
                    signer.update(digest, 0, digest.length);
                    String text = "mldsa:44:" + Hex.encode(publicKey) + ":" + Hex.encode(signer.generateSignature());
                    assertEquals(VM.wallet(i), engine.recoverSigner("sign in " + i, text));
                }
            } finally {
                engine.deactivate();
            }
        }
    }

    @Test
    void theEngineReadsWhatTheVmAnswered() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mine(VmRecording.blocks(VM.branch("main")));
            node.mineEmpty(10);
            node.calls(VM.views("main"));
            OpnetEngine engine = engine(node);
            try {
                long finalHeight = node.tip() - 6;
                assertEquals(Optional.of(new SubscriptionRecord(1, VM.wallet(1), 1, Instant.ofEpochSecond(T0 + 40 * DAY), false,
                        finalHeight)), engine.finalizedSubscription(1), "bought for 30 days, extended by 10");
                assertEquals(Optional.of(new SubscriptionRecord(2, VM.wallet(2), 1, Instant.ofEpochSecond(T0 + 7 * DAY), true,
                        finalHeight)), engine.finalizedSubscription(2), "cancelled");
                assertEquals(Optional.empty(), engine.finalizedSubscription(3), "planId 0: none");
                CredentialIssuer c = engine.credentials();
                assertEquals(Optional.of(0L), c.tokenOfSubscription(0));
                assertEquals(Optional.of(1L), c.tokenOfSubscription(1));
                assertEquals(Optional.empty(), c.tokenOfSubscription(2));
                assertEquals(VM.wallet(3), c.ownerOf(0));
                assertEquals(VM.wallet(2), c.ownerOf(1), "transferred by wallet 1");
                assertEquals(Optional.of(VM.wallet(3)), c.adminHolder());
                assertEquals(1L, c.mint(1, VM.wallet(1), "x".getBytes(StandardCharsets.UTF_8)), "minted: returned, nothing sent");
                ChainRejectedException unknown = assertThrows(ChainRejectedException.class, () -> c.ownerOf(2));
                assertTrue(unknown.reason().startsWith("UnknownToken"), unknown.reason());
                node.calls(VM.views("fork"));
                assertEquals(VM.wallet(3), engine.finalizedSubscription(2).orElseThrow().subscriber(), "the fork's buyer");
            } finally {
                engine.deactivate();
            }
        }
    }
}
