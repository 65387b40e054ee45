package org.blockhost.test.scripted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.engine.api.Treasury;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Test double for the runtime crash test: an engine with id {@code scripted-engine} whose mints go
 * to the persistent {@link ScriptedLedger}, idempotent by subscription id across restarts. Kill
 * points {@code mint.before} and {@code mint.after} surround the effect.
 */
@Component(service = Engine.class, immediate = true)
@EngineId(ScriptedEngine.ID)
public final class ScriptedEngine implements Engine, CredentialIssuer, AddressFormat {
    public static final String ID = "scripted-engine";
    private final ScriptedLedger ledger;

    @Activate
    public ScriptedEngine(@Reference ScriptedLedger ledger) {
        this.ledger = ledger;
    }

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Scripted engine (crash test)"; }
    @Override public AddressFormat addressFormat() { return this; }
    @Override public String pattern() { return "0x[0-9a-fA-F]{40}"; }

    @Override
    public String normalise(String address) {
        if (address == null || !address.matches(pattern())) {
            throw new IllegalArgumentException("not a scripted address");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public String recoverSigner(String message, String signature) throws InvalidSignatureException {
        throw new InvalidSignatureException("the scripted engine verifies no signatures");
    }

    @Override public ChainHead head() { return new ChainHead(100, "0xhead", 100, Instant.now()); }
    @Override public CredentialIssuer credentials() { return this; }
    @Override public Treasury treasury() { return null; }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) {
        ledger.mark("mint.before", subscriptionId);
        long token = ledger.mint(subscriptionId, owner);
        ledger.mark("mint.after", subscriptionId);
        return token;
    }

    @Override public Optional<Long> tokenOfSubscription(long subscriptionId) { return ledger.tokenOf(subscriptionId); }
    @Override public void updateCredentials(long tokenId, byte[] encryptedCredentials) { }

    @Override
    public String ownerOf(long tokenId) throws ChainUnavailableException {
        return ledger.ownerOf(tokenId).orElseThrow(() -> new ChainUnavailableException("no token " + tokenId));
    }

    @Override public Optional<String> adminHolder() { return Optional.empty(); }

    /** The scripted chain's subscriptions are the lines of {@code purchases.txt}. */
    @Override
    public Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        try {
            Path purchases = ledger.dir().resolve("purchases.txt");
            if (!Files.exists(purchases)) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(purchases, StandardCharsets.UTF_8)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && !f[0].startsWith("#") && Long.parseLong(f[0]) == subscriptionId) {
                    return Optional.of(new SubscriptionRecord(subscriptionId, f[2], Long.parseLong(f[1]),
                            PurchaseFeeder.EXPIRY, false, head().finalizedNumber()));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("scripted purchases unreadable: " + e.getMessage(), e);
        }
    }
}
