package org.blockhost.core.internal.funds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.core.internal.funds.FundStore.Run;
import org.blockhost.core.internal.funds.FundStore.Transfer;

/** The fund manager's settings, runs and transfers as JSON-ready maps (CLI {@code --json}, console). */
public final class FundJson {

    private FundJson() {
    }

    /** Settings and the last 10 runs, newest first, each with its transfers. */
    public static Map<String, Object> status(FundManager m, boolean running) {
        FundSettings s = m.settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("intervalMinutes", s.intervalMinutes());
        out.put("shares", s.shares());
        out.put("remainderRole", s.remainderRole());
        out.put("gasThreshold", s.gasThreshold());
        out.put("running", running);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Run r : m.recentRuns(10)) {
            Map<String, Object> row = run(r);
            row.put("transfers", m.transfers(r.id()).stream().map(FundJson::transfer).toList());
            runs.add(row);
        }
        out.put("runs", runs);
        return out;
    }

    public static Map<String, Object> run(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.id());
        m.put("started", Instant.ofEpochMilli(r.startedAt()).toString());
        m.put("finished", r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()).toString());
        m.put("state", r.state());
        m.put("detail", r.detail());
        return m;
    }

    public static Map<String, Object> transfer(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", t.kind());
        m.put("role", t.role());
        m.put("to", t.to());
        m.put("asset", t.asset());
        m.put("amount", t.amount().toString());
        m.put("state", t.state());
        m.put("transaction", t.hash());
        return m;
    }
}
