package org.blockhost.e2e;

/** Reads samples from the runtime's {@code /metrics} (Prometheus text). */
final class Metrics {
    private Metrics() {
    }

    /** The value of the first sample named exactly {@code name} (no labels); fails when there is none. */
    static double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + name + " in /metrics");
    }
}
