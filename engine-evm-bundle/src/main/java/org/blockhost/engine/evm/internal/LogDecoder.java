package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.EventOrigin;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns the contracts' logs into {@link ChainEvent}s, oldest first. Only logs emitted by the
 * configured contracts are considered. A log of one of the watched events that does not decode
 * (wrong topic count, values out of range) is an {@link UndecodableLogException}: the watcher
 * halts on it rather than skipping an event it cannot read.
 */
final class LogDecoder {
    static final String SUBSCRIPTION_CREATED = Abi.topic("SubscriptionCreated(uint256,uint256,address,uint64,bytes)");
    static final String SUBSCRIPTION_EXTENDED = Abi.topic("SubscriptionExtended(uint256,address,uint64)");
    static final String SUBSCRIPTION_CANCELLED = Abi.topic("SubscriptionCancelled(uint256)");
    static final String TRANSFER = Abi.topic("Transfer(address,address,uint256)");
    static final String ACCESS_KEY_ROTATED = Abi.topic("AccessKeyRotated(uint256,bytes)");
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final String subscriptions;
    private final String credential;

    LogDecoder(String subscriptions, String credential) {
        this.subscriptions = subscriptions.toLowerCase();
        this.credential = credential.toLowerCase();
    }

    /** The topics the watcher filters on (topic 0, any of these). */
    static List<String> topics() {
        return List.of(SUBSCRIPTION_CREATED, SUBSCRIPTION_EXTENDED, SUBSCRIPTION_CANCELLED, TRANSFER, ACCESS_KEY_ROTATED);
    }

    /** A watched event of our own contracts that cannot be decoded. */
    static final class UndecodableLogException extends Exception {
        private static final long serialVersionUID = 1L;

        UndecodableLogException(String message) {
            super(message);
        }
    }

    List<ChainEvent> decode(List<Log> logs) throws UndecodableLogException {
        List<Log> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
        List<ChainEvent> events = new ArrayList<>();
        for (Log log : sorted) {
            Optional<ChainEvent> event;
            try {
                event = decodeOne(log);
            } catch (RuntimeException e) {
                event = Optional.empty();
            }
            if (event.isEmpty() && isWatched(log)) {
                throw new UndecodableLogException("undecodable log " + log.getLogIndex() + " of " + log.getAddress()
                        + " in block " + log.getBlockNumber() + ", tx " + log.getTransactionHash());
            }
            event.ifPresent(events::add);
        }
        return events;
    }

    /** A log of one of our contracts with one of the events it is watched for (not a mint). */
    private boolean isWatched(Log log) {
        String emitter = String.valueOf(log.getAddress()).toLowerCase();
        List<String> t = log.getTopics();
        if (t == null || t.isEmpty() || log.isRemoved()) {
            return false;
        }
        String topic0 = t.get(0);
        if (emitter.equals(subscriptions)) {
            return List.of(SUBSCRIPTION_CREATED, SUBSCRIPTION_EXTENDED, SUBSCRIPTION_CANCELLED).contains(topic0);
        }
        boolean mint = topic0.equals(TRANSFER) && t.size() == 4 && t.get(1).matches("0x0{64}");
        return emitter.equals(credential) && !mint && (topic0.equals(TRANSFER) || topic0.equals(ACCESS_KEY_ROTATED));
    }

    private Optional<ChainEvent> decodeOne(Log log) {
        String emitter = log.getAddress().toLowerCase();
        List<String> t = log.getTopics();
        if (t.isEmpty() || log.isRemoved()) {
            return Optional.empty();
        }
        EventOrigin origin = new EventOrigin(log.getBlockNumber().longValueExact(), log.getBlockHash(),
                log.getTransactionHash(), log.getLogIndex().intValueExact());
        if (emitter.equals(subscriptions)) {
            return fromSubscriptions(t, log.getData(), origin);
        }
        if (emitter.equals(credential)) {
            return fromCredential(t, log.getData(), origin);
        }
        return Optional.empty();
    }

    private Optional<ChainEvent> fromSubscriptions(List<String> t, String data, EventOrigin origin) {
        String topic0 = t.get(0);
        if (topic0.equals(SUBSCRIPTION_CREATED) && t.size() == 4) {
            var values = Abi.decode(data, new TypeReference<Uint64>() { }, new TypeReference<DynamicBytes>() { });
            return Optional.of(new ChainEvent.SubscriptionCreated(uint(t.get(1)), uint(t.get(2)), address(t.get(3)),
                    instant(values.get(0).getValue()), Hex.encode((byte[]) values.get(1).getValue()), origin));
        }
        if (topic0.equals(SUBSCRIPTION_EXTENDED) && t.size() == 3) {
            var values = Abi.decode(data, new TypeReference<Uint64>() { });
            return Optional.of(new ChainEvent.SubscriptionExtended(uint(t.get(1)), instant(values.get(0).getValue()),
                    origin));
        }
        if (topic0.equals(SUBSCRIPTION_CANCELLED) && t.size() == 2) {
            return Optional.of(new ChainEvent.SubscriptionCancelled(uint(t.get(1)), origin));
        }
        return Optional.empty();
    }

    private Optional<ChainEvent> fromCredential(List<String> t, String data, EventOrigin origin) {
        String topic0 = t.get(0);
        if (topic0.equals(TRANSFER) && t.size() == 4) {
            String from = address(t.get(1));
            if (from.equalsIgnoreCase(ZERO_ADDRESS)) {
                return Optional.empty(); // a mint: the issuer knows about it
            }
            return Optional.of(new ChainEvent.CredentialTransferred(uint(t.get(3)), from, address(t.get(2)), origin));
        }
        if (topic0.equals(ACCESS_KEY_ROTATED) && t.size() == 2) {
            var values = Abi.decode(data, new TypeReference<DynamicBytes>() { });
            return Optional.of(new ChainEvent.AccessKeyRotated(uint(t.get(1)),
                    Hex.encode((byte[]) values.get(0).getValue()), origin));
        }
        return Optional.empty();
    }

    private static long uint(String topic) {
        return new BigInteger(topic.substring(2), 16).longValueExact();
    }

    private static String address(String topic) {
        return Eip55.checksum(topic.substring(topic.length() - 40));
    }

    private static Instant instant(Object uint64) {
        return Instant.ofEpochSecond(((BigInteger) uint64).longValueExact());
    }
}
