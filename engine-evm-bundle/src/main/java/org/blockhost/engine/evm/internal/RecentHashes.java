package org.blockhost.engine.evm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The hashes of the last committed cursors, bounded, for finding a reorg's fork point. */
final class RecentHashes {
    private final int capacity;
    private final TreeMap<Long, String> hashes = new TreeMap<>();

    RecentHashes(int capacity) {
        this.capacity = capacity;
    }

    void put(long number, String hash) {
        hashes.put(number, hash);
        while (hashes.size() > capacity) {
            hashes.pollFirstEntry();
        }
    }

    void dropAbove(long number) {
        hashes.tailMap(number, false).clear();
    }

    List<Map.Entry<Long, String>> newestFirst() {
        return new ArrayList<>(hashes.descendingMap().entrySet());
    }
}
