package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EventOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Finds admin commands in final blocks (the {@code finalized} tag, else head − finality depth):
 * transactions to the host address from the holder of the admin credential <em>as of the
 * command's block</em>, whose input decrypts (ECIES, the {@link AdminCommandKey} derived from the host key) to a valid command
 * ({@link AdminCommandParser}). Everything else is dropped: per transaction at DEBUG, with a WARN
 * summary at most every ten minutes, so foreign transactions cannot flood the log.
 *
 * <p>It has its own cursor in core's store (key {@code <engine id>.admin}), committed with the
 * commands of each step, so commands sent during any downtime are found after a restart. Without
 * a cursor (first start) it begins at {@code max(startBlock, finalized − lookback)}. Core
 * deduplicates by nonce. It runs apart from the event watcher: its failures never stall purchases.
 */
final class AdminCommandScanner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommandScanner.class);
    private static final int MAX_BLOCKS = 100;

    /** The admin credential's holder at the end of a block, empty when there is none. */
    interface Holder {
        Optional<String> at(long block) throws ChainUnavailableException;
    }

    private final Web3j web3j;
    private final Credentials host;
    private final Holder holder;
    private final AdminTxDecrypter decrypter;
    private final ChainEventSink sink;
    private final String cursorKey;
    private final Settings settings;
    private final Finality finality;
    private final LogLimiter foreign = new LogLimiter(Duration.ofMinutes(10));
    private final java.util.Set<Long> seen = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    /** Where the scan starts and what counts as final. */
    record Settings(int finalityDepth, long startBlock, int lookback) {
    }

    AdminCommandScanner(Web3j web3j, Credentials host, Holder holder, ChainEventSink sink, String engineId,
            Settings settings) {
        this.web3j = web3j;
        this.host = host;
        this.holder = holder;
        this.decrypter = new AdminTxDecrypter(host);
        this.sink = sink;
        this.cursorKey = engineId + ".admin";
        this.settings = settings;
        this.finality = new Finality(web3j, settings.finalityDepth());
    }

    /** The store key of this scanner's cursor. */
    String cursorKey() {
        return cursorKey;
    }

    /**
     * Scans the next final blocks (at most 100) and commits their commands with the new cursor.
     *
     * @return true when more final blocks wait
     */
    boolean poll() throws ChainUnavailableException {
        long finalized = finality.number();
        long next = sink.cursor(cursorKey).map(c -> c.blockNumber() + 1)
                .orElse(Math.max(settings.startBlock(), finalized - settings.lookback()));
        if (next > finalized) {
            return false;
        }
        long last = Math.min(finalized, next + MAX_BLOCKS - 1);
        List<ChainEvent.AdminCommand> events = new ArrayList<>();
        Map<Long, Optional<String>> holders = new HashMap<>();
        String hash = null;
        for (long n = next; n <= last; n++) {
            EthBlock.Block block = Finality.block(web3j, n, true);
            scan(block, events, holders);
            hash = block.getHash();
        }
        sink.commit(cursorKey, List.copyOf(events), new ChainCursor(last, hash));
        events.forEach(e -> seen.add(e.nonce()));
        return last < finalized;
    }

    /** How many foreign-transaction warnings were written (tests: log volume). */
    long foreignWarnings() {
        return foreign.allowedCount();
    }

    private void scan(EthBlock.Block block, List<ChainEvent.AdminCommand> events, Map<Long, Optional<String>> holders)
            throws ChainUnavailableException {
        long number = block.getNumber().longValueExact();
        for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
            EthBlock.TransactionObject tx = (EthBlock.TransactionObject) r.get();
            if (tx.getTo() == null || !tx.getTo().equalsIgnoreCase(host.getAddress())) {
                continue;
            }
            Optional<String> admin = holders.get(number);
            if (admin == null) {
                admin = holder.at(number);
                holders.put(number, admin);
            }
            if (admin.isPresent() && admin.get().equalsIgnoreCase(tx.getFrom())) {
                command(block, tx, events).ifPresent(events::add);
            } else {
                ignoredForeign(tx);
            }
        }
    }

    private void ignoredForeign(EthBlock.TransactionObject tx) {
        LOG.debug("ignored a transaction to the host from {} (not the admin credential holder): {}", tx.getFrom(),
                tx.getHash());
        if (foreign.allow()) {
            LOG.warn("ignored transactions to the host address from wallets that do not hold the admin credential"
                    + " ({} more since the last notice; latest from {}); details at DEBUG", foreign.takeSuppressed(),
                    tx.getFrom());
        }
    }

    private Optional<ChainEvent.AdminCommand> command(EthBlock.Block block, EthBlock.TransactionObject tx,
            List<ChainEvent.AdminCommand> events) {
        try {
            AdminCommandParser.Command c = decrypter.command(tx.getInput(), block.getTimestamp().longValueExact());
            if (seen.contains(c.nonce()) || events.stream().anyMatch(e -> e.nonce() == c.nonce())) {
                LOG.warn("ignored admin transaction {}: nonce {} already seen", tx.getHash(), c.nonce());
                return Optional.empty();
            }
            LOG.info("admin command '{}' (nonce {}) in {}", c.command(), c.nonce(), tx.getHash());
            return Optional.of(new ChainEvent.AdminCommand(EvmAddressFormat.INSTANCE.normalise(tx.getFrom()),
                    c.payload(), c.nonce(), new EventOrigin(block.getNumber().longValueExact(), block.getHash(),
                            tx.getHash(), tx.getTransactionIndex().intValueExact())));
        } catch (AdminCommandParser.Rejected e) {
            LOG.warn("ignored admin transaction {}: {}", tx.getHash(), e.getMessage());
            return Optional.empty();
        }
    }
}
