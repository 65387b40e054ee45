package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.core.internal.pool.PoolStore;
import org.blockhost.core.internal.pool.PoolView;

/** {@code vm list --pool}: the warm pool's size per plan and its VMs not yet assigned. */
final class PoolListing {

    private PoolListing() {
    }

    static void print(PrintStream out, boolean json, PoolView pool) {
        if (pool == null) {
            throw new IllegalArgumentException("the warm pool is not running");
        }
        List<PoolStore.PoolVm> vms = pool.vms();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sizes", pool.sizes().byPlan());
            m.put("counts", pool.counts());
            m.put("vms", vms.stream().map(PoolListing::toMap).toList());
            Printer.json(out, m);
            return;
        }
        out.println(pool.sizes().any() ? "pool sizes: " + sizes(pool) : "pool: off (no size configured in org.blockhost.core.pool)");
        if (vms.isEmpty()) {
            out.println("no pool VMs");
            return;
        }
        Printer.table(out, new String[] {"NAME", "PLAN", "STATE", "SUBSCRIPTION", "PROVISIONER", "TEMPLATE"},
                vms.stream().map(v -> new String[] {v.name(), Long.toString(v.planId()), v.state(),
                    v.subscriptionId() == null ? "-" : v.subscriptionId().toString(), orDash(v.provisioner()),
                    orDash(v.template())}).toList());
    }

    private static String sizes(PoolView pool) {
        StringBuilder b = new StringBuilder();
        pool.sizes().byPlan().forEach((plan, n) -> b.append(b.length() == 0 ? "" : ", ").append("plan ").append(plan)
                .append(" = ").append(n));
        return b.toString();
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static Map<String, Object> toMap(PoolStore.PoolVm v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("plan", v.planId());
        m.put("state", v.state());
        m.put("subscription", v.subscriptionId());
        m.put("provisioner", v.provisioner());
        m.put("template", v.template());
        m.put("templateBuild", v.templateBuild());
        return m;
    }
}
