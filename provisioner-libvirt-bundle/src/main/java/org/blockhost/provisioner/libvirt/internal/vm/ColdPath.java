package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a cold create's time goes, per VM: the phases of {@link VmCreator#create} (checks, overlay,
 * seed, define, start), then, as the readiness probes see it, the guest agent's first answer and the end
 * of the first boot (cloud-init's boot-finished marker), both counted from the start. Each VM's record
 * is logged (VM name and durations only) and the last {@link #KEEP} finished ones are kept for
 * {@link #recent()}. A probe's resolution is core's readiness poll interval.
 */
public final class ColdPath {
    /** The create phases, in order. */
    public enum Phase { CHECKS, OVERLAY, SEED, DEFINE, START }

    /** A finished boot: create's phases and the two boot marks, in nanoseconds (-1 when not seen). */
    public record Boot(String name, Map<Phase, Long> phases, long agentNanos, long bootedNanos) {
        /** One log line: {@code cold path NAME: checks 0.012 s, overlay 0.050 s, ...}. */
        String phasesLine() {
            StringBuilder b = new StringBuilder("cold path ").append(name).append(':');
            String sep = " ";
            for (Map.Entry<Phase, Long> e : phases.entrySet()) {
                b.append(sep).append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ').append(secs(e.getValue()));
                sep = ", ";
            }
            return b.toString();
        }
    }

    static final int KEEP = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ColdPath.class);
    private final LongSupplier nanos;
    private final Map<String, Run> booting = new ConcurrentHashMap<>();
    private final Deque<Boot> finished = new ArrayDeque<>();

    public ColdPath(LongSupplier nanos) {
        this.nanos = nanos;
    }

    public ColdPath() {
        this(System::nanoTime);
    }

    /** A create under way: {@link Run#done(Phase)} closes each phase. */
    public Run begin(String name) {
        return new Run(name);
    }

    /**
     * A readiness probe of {@code name}: {@code answered} when the guest agent answered it, {@code ready}
     * when the first boot finished. VMs not created here since this provisioner started are ignored.
     */
    public void probed(String name, boolean answered, boolean ready) {
        Run run = booting.get(name);
        if (run == null) {
            return;
        }
        long since = nanos.getAsLong() - run.started;
        if ((answered || ready) && run.agent < 0) {
            run.agent = since;
            LOG.info("cold path {}: guest agent answered {} after start", name, secs(since));
        }
        if (ready && booting.remove(name, run)) {
            LOG.info("cold path {}: first boot finished {} after start", name, secs(since));
            keep(new Boot(name, Collections.unmodifiableMap(new EnumMap<>(run.phases)), run.agent, since));
        }
    }

    /** The last finished boots, oldest first. */
    public synchronized List<Boot> recent() {
        return List.copyOf(finished);
    }

    private synchronized void keep(Boot boot) {
        finished.addLast(boot);
        while (finished.size() > KEEP) {
            finished.removeFirst();
        }
    }

    /**
     * Per step (create's phases, then {@code guest agent answered} and {@code first boot finished}, counted
     * from the start), the seconds of each boot that has it, oldest first.
     */
    public static Map<String, List<Double>> bySteps(List<Boot> boots) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            List<Double> s = boots.stream().filter(b -> b.phases().containsKey(phase)).map(b -> b.phases().get(phase) / 1e9).toList();
            if (!s.isEmpty()) {
                out.put(phase.name().toLowerCase(Locale.ROOT), s);
            }
        }
        List<Double> agent = boots.stream().filter(b -> b.agentNanos() >= 0).map(b -> b.agentNanos() / 1e9).toList();
        if (!agent.isEmpty()) {
            out.put("guest agent answered", agent);
        }
        List<Double> booted = boots.stream().map(b -> b.bootedNanos() / 1e9).toList();
        if (!booted.isEmpty()) {
            out.put("first boot finished", booted);
        }
        return out;
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** One create's phases; {@link #done(Phase)} START registers the boot for the readiness probes. */
    public final class Run {
        private final String name;
        private final Map<Phase, Long> phases = new EnumMap<>(Phase.class);
        private long mark = nanos.getAsLong();
        private long started;
        private volatile long agent = -1;

        private Run(String name) {
            this.name = name;
        }

        public void done(Phase phase) {
            long now = nanos.getAsLong();
            phases.merge(phase, now - mark, Long::sum);
            mark = now;
            if (phase == Phase.START) {
                started = now;
                LOG.info(new Boot(name, phases, -1, -1).phasesLine());
                booting.put(name, this);
            }
        }
    }
}
