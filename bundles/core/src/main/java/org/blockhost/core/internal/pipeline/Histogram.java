package org.blockhost.core.internal.pipeline;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import org.blockhost.core.internal.metrics.PrometheusText;

/** A Prometheus-style histogram of durations in seconds, with fixed buckets. */
public final class Histogram {
    static final double[] BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public void observe(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    public long count() {
        return count.sum();
    }

    /** Writes cumulative buckets, sum and count with the given labels. */
    public void write(PrometheusText text, String name, Map<String, String> labels) {
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += buckets.get(i);
            text.sample(name + "_bucket", with(labels, "le", Double.toString(BOUNDS[i])), cumulative);
        }
        text.sample(name + "_bucket", with(labels, "le", "+Inf"), count.sum());
        text.sample(name + "_sum", labels, sum.sum());
        text.sample(name + "_count", labels, count.sum());
    }

    private static Map<String, String> with(Map<String, String> labels, String k, String v) {
        var m = new java.util.HashMap<>(labels);
        m.put(k, v);
        return m;
    }
}
