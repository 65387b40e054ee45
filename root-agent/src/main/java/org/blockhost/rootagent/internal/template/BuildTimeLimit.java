package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long one template build may take: the template unit's {@code TimeoutStartSec}. The operator of a slow
 * host raises it the systemd way ({@code systemctl edit blockhost-template-build.service}); the agent reads it
 * before each build, waits that long for the unit, and leaves it for the build in a file next to the request,
 * so the build stops its commands and writes why before systemd stops the unit. Fails closed: anything but a
 * time span as systemd prints it gives the packaged 45 min; the limit is held to 10 min … 24 h.
 */
public final class BuildTimeLimit {
    private static final Logger LOG = LoggerFactory.getLogger(BuildTimeLimit.class);
    /** The unit's {@code TimeoutStartSec} as packaged. */
    public static final Duration PACKAGED = Duration.ofMinutes(45);
    static final Duration MIN = Duration.ofMinutes(10);
    static final Duration MAX = Duration.ofHours(24);
    /** The limit's file next to the request: whole seconds, written by the agent, read by the unit's build. */
    static final String FILE = "limit-seconds";
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(us|ms|s|min|h|d|w)");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,6}");

    /** Runs a command (production: {@link CommandRunner#run} with a short timeout). */
    @FunctionalInterface
    public interface Exec {
        CommandRunner.Result run(List<String> argv) throws ActionException;
    }

    private BuildTimeLimit() {
    }

    /** {@code systemctl show}'s {@code TimeoutStartUSec} of {@code unit}, held to 10 min … 24 h; else 45 min. */
    public static Duration ofUnit(Exec exec, String unit) {
        CommandRunner.Result r;
        try {
            r = exec.run(List.of("systemctl", "show", "--property=TimeoutStartUSec", "--value", unit));
        } catch (ActionException e) {
            LOG.warn("template build time of {} unreadable ({}): {} min", unit, e.getMessage(), PACKAGED.toMinutes());
            return PACKAGED;
        }
        Optional<Duration> span = r.exitCode() == 0 ? parseSpan(r.stdout().strip()) : Optional.empty();
        if (span.isEmpty()) {
            LOG.warn("template build time of {} unreadable (exit {}, '{}'): {} min", unit, r.exitCode(),
                    clip(r.stdout().strip()), PACKAGED.toMinutes());
            return PACKAGED;
        }
        return held(span.get(), unit + "'s TimeoutStartSec");
    }

    /** A time span as systemd prints it ({@code 45min}, {@code 2h 30min}, {@code infinity}); empty otherwise. */
    static Optional<Duration> parseSpan(String text) {
        if ("infinity".equals(text)) {
            return Optional.of(MAX.plusSeconds(1));
        }
        if (text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        for (String part : text.split(" ", -1)) {
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                return Optional.empty();
            }
            d = d.plus(unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
        }
        return Optional.of(d);
    }

    private static Duration unit(String u) {
        return switch (u) {
            case "us" -> Duration.ofNanos(1000);
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "min" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
    }

    /** Leaves {@code limit} for the unit's build in {@code dir}. */
    static void write(Path dir, Duration limit) throws IOException {
        SmallFiles.replace(dir, FILE, Long.toString(limit.toSeconds()));
    }

    /** The limit the agent left in {@code dir}, or 45 min when there is none or it is not whole seconds in range. */
    public static Duration read(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                String s = SmallFiles.read(f).strip();
                if (SECONDS.matcher(s).matches()) {
                    Duration d = Duration.ofSeconds(Long.parseLong(s));
                    if (d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0) {
                        return d;
                    }
                }
                LOG.warn("{} holds no build time of 10 min to 24 h: {} min", f, PACKAGED.toMinutes());
            }
        } catch (IOException e) {
            LOG.warn("{} unreadable ({}): {} min", f, e.getMessage(), PACKAGED.toMinutes());
        }
        return PACKAGED;
    }

    private static Duration held(Duration d, String what) {
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            Duration h = d.compareTo(MIN) < 0 ? MIN : MAX;
            LOG.warn("{} is outside 10 min … 24 h: the build gets {} min", what, h.toMinutes());
            return h;
        }
        return d;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
