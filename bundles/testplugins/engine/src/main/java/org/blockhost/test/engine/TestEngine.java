package org.blockhost.test.engine;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.engine.api.Treasury;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Test double: an in-memory engine with id {@code test-engine}. Subscriptions at finality come
 * from the test-written {@link ScriptedChain}; destroys reported by core are remembered.
 */
@Component(service = Engine.class, immediate = true)
@EngineId(TestEngine.ID)
public final class TestEngine implements Engine, CredentialIssuer, AddressFormat {
    public static final String ID = "test-engine";
    private final Map<Long, Long> tokens = new ConcurrentHashMap<>();
    private final AtomicLong nextToken = new AtomicLong(1);
    private final Set<Long> destroyed = ConcurrentHashMap.newKeySet();
    private final ScriptedChain chain;

    @Activate
    public TestEngine(BundleContext context) {
        this.chain = new ScriptedChain(RuntimeLayout.from(context::getProperty).stateDir());
    }

    @Override
    public Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        return chain.find(subscriptionId, head().finalizedNumber());
    }

    @Override
    public void subscriptionDestroyed(long subscriptionId) {
        destroyed.add(subscriptionId);
    }

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Test engine"; }
    @Override public AddressFormat addressFormat() { return this; }
    @Override public String pattern() { return "0x[0-9a-fA-F]{40}"; }

    @Override
    public String normalise(String address) {
        if (address == null || !address.matches(pattern())) {
            throw new IllegalArgumentException("not a test address");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public String recoverSigner(String message, String signature) throws InvalidSignatureException {
        throw new InvalidSignatureException("the test engine verifies no signatures");
    }

    @Override public ChainHead head() { return new ChainHead(10, "0xhead", 8, Instant.EPOCH); }
    @Override public CredentialIssuer credentials() { return this; }
    @Override public Treasury treasury() { return null; }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) {
        return tokens.computeIfAbsent(subscriptionId, s -> nextToken.getAndIncrement());
    }

    @Override public Optional<Long> tokenOfSubscription(long subscriptionId) { return Optional.ofNullable(tokens.get(subscriptionId)); }
    @Override public void updateCredentials(long tokenId, byte[] encryptedCredentials) { }
    @Override public String ownerOf(long tokenId) { return "0x0000000000000000000000000000000000000001"; }
    @Override public Optional<String> adminHolder() { return Optional.empty(); }

}
