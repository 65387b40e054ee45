package org.blockhost.core.internal.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Writes the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
    private final StringBuilder out = new StringBuilder(2048);

    /** Starts a metric family with its help text and type. */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample without labels. */
    public PrometheusText sample(String name, double value) {
        return sample(name, Map.of(), value);
    }

    /** One sample with labels (written in name order). */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            StringJoiner joiner = new StringJoiner(",", "{", "}");
            new TreeMap<>(labels).forEach((k, v) -> joiner.add(k + "=\"" + escape(v) + "\""));
            out.append(joiner);
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
