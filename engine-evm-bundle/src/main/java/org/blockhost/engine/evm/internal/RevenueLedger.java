package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury.DailyAmount;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Revenue per UTC day: the stablecoin's {@code Transfer} events to the subscriptions contract
 * (purchases and renewals pull their payment with {@code transferFrom}), counted once each as the
 * ledger scans forward from the start block to head − confirmations, at most {@value #CHUNKS}
 * ranges of {@code range} blocks per call, so a long history is caught up over several calls.
 */
final class RevenueLedger {
    static final int CHUNKS = 20;
    private static final String TRANSFER = Abi.topic("Transfer(address,address,uint256)");

    private final Web3j web3j;
    private final String subscriptions;
    private final int range;
    private final int confirmations;
    private final TreeMap<LocalDate, BigInteger> perDay = new TreeMap<>();
    private final Map<Long, LocalDate> days = new HashMap<>();
    private long scannedTo;

    RevenueLedger(Web3j web3j, String subscriptions, long startBlock, int range, int confirmations) {
        this.web3j = web3j;
        this.subscriptions = subscriptions.toLowerCase();
        this.range = Math.max(1, range);
        this.confirmations = Math.max(0, confirmations);
        this.scannedTo = startBlock - 1;
    }

    /** Catches up (bounded), then the last {@code count} days up to {@code today}, zeros included. */
    synchronized List<DailyAmount> days(String coin, String asset, int decimals, int count, LocalDate today)
            throws ChainUnavailableException {
        try {
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact() - confirmations;
            for (int i = 0; i < CHUNKS && scannedTo < head; i++) {
                long from = scannedTo + 1;
                long to = Math.min(head, from + range - 1);
                scan(coin, from, to);
                scannedTo = to;
            }
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the payments to " + subscriptions, e);
        }
        List<DailyAmount> out = new ArrayList<>();
        for (LocalDate d = today.minusDays(count - 1L); !d.isAfter(today); d = d.plusDays(1)) {
            out.add(new DailyAmount(d, asset, perDay.getOrDefault(d, BigInteger.ZERO), decimals));
        }
        return out;
    }

    private void scan(String coin, long from, long to) throws IOException {
        String toTopic = "0x" + "0".repeat(24) + subscriptions.substring(2);
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), coin);
        filter.addSingleTopic(TRANSFER).addNullTopic().addSingleTopic(toTopic);
        EthLog answer = web3j.ethGetLogs(filter).send();
        if (answer.hasError()) {
            throw new IOException("eth_getLogs: " + answer.getError().getMessage());
        }
        for (EthLog.LogResult<?> r : answer.getLogs()) {
            Log log = (Log) r.get();
            if (!log.isRemoved() && log.getData() != null && log.getData().length() > 2) {
                BigInteger amount = new BigInteger(log.getData().substring(2), 16);
                perDay.merge(day(log.getBlockNumber().longValueExact()), amount, BigInteger::add);
            }
        }
    }

    private LocalDate day(long block) throws IOException {
        LocalDate known = days.get(block);
        if (known != null) {
            return known;
        }
        long seconds = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send()
                .getBlock().getTimestamp().longValueExact();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        if (days.size() > 4096) {
            days.clear();
        }
        days.put(block, day);
        return day;
    }
}
