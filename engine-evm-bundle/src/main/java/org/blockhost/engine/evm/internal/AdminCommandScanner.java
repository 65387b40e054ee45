package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EventOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Finds admin commands in final blocks (the {@code finalized} tag, else head − finality depth):
 * transactions from the admin credential holder to the host address whose input decrypts (ECIES,
 * host key) to a valid command ({@link AdminCommandParser}). Everything else is dropped and logged
 * without content. {@link #pending()} stages the events of the next final blocks; the watcher
 * commits them with its cursor and then calls {@link #committed()}. Core deduplicates by nonce.
 */
final class AdminCommandScanner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommandScanner.class);
    private static final int MAX_BLOCKS = 100;

    interface Holder {
        Optional<String> get() throws ChainUnavailableException;
    }

    private final Web3j web3j;
    private final Credentials host;
    private final Holder holder;
    private final int finalityDepth;
    private final AdminTxDecrypter decrypter;
    private final long startBlock;
    private final int lookback;
    private final java.util.Set<Long> seen = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private long next = -1;
    private long stagedTo = -1;

    /**
     * The first scan starts at {@code max(startBlock, finalized − lookback)}: after a restart, recent
     * final blocks are scanned again (core drops known nonces); older commands are not replayed.
     */
    AdminCommandScanner(Web3j web3j, Credentials host, Holder holder, int finalityDepth, long startBlock,
            int lookback) {
        this.web3j = web3j;
        this.host = host;
        this.holder = holder;
        this.finalityDepth = finalityDepth;
        this.decrypter = new AdminTxDecrypter(host);
        this.startBlock = startBlock;
        this.lookback = lookback;
    }

    /** Commands in the next final blocks not yet committed. */
    List<ChainEvent> pending() throws ChainUnavailableException {
        long finalized = finalized();
        if (next < 0) {
            next = Math.max(startBlock, finalized - lookback);
        }
        long last = Math.min(finalized, next + MAX_BLOCKS - 1);
        List<ChainEvent> events = new ArrayList<>();
        for (long n = next; n <= last; n++) {
            scan(block(n), events);
        }
        stagedTo = last;
        return events;
    }

    void committed() {
        next = Math.max(next, stagedTo + 1);
    }

    private void scan(EthBlock.Block block, List<ChainEvent> events) throws ChainUnavailableException {
        for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
            EthBlock.TransactionObject tx = (EthBlock.TransactionObject) r.get();
            if (tx.getTo() != null && tx.getTo().equalsIgnoreCase(host.getAddress()) && fromHolder(tx)) {
                command(block, tx).ifPresent(events::add);
            }
        }
    }

    private boolean fromHolder(EthBlock.TransactionObject tx) throws ChainUnavailableException {
        Optional<String> admin = holder.get();
        if (admin.isEmpty() || !admin.get().equalsIgnoreCase(tx.getFrom())) {
            LOG.warn("ignored a transaction to the host from {} (not the admin credential holder): {}",
                    tx.getFrom(), tx.getHash());
            return false;
        }
        return true;
    }

    private Optional<ChainEvent> command(EthBlock.Block block, EthBlock.TransactionObject tx) {
        try {
            AdminCommandParser.Command c = decrypter.command(tx.getInput(), block.getTimestamp().longValueExact());
            if (!seen.add(c.nonce())) {
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

    private long finalized() throws ChainUnavailableException {
        try {
            EthBlock tagged = web3j.ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false).send();
            if (!tagged.hasError() && tagged.getBlock() != null) {
                return tagged.getBlock().getNumber().longValueExact();
            }
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            return head - finalityDepth;
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the finalized block", e);
        }
    }

    private EthBlock.Block block(long n) throws ChainUnavailableException {
        try {
            EthBlock.Block b = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(java.math.BigInteger.valueOf(n)),
                    true).send().getBlock();
            if (b == null) {
                throw new ChainUnavailableException("block " + n + " is missing");
            }
            return b;
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read block " + n, e);
        }
    }
}
