package org.blockhost.core.internal.crash;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One life of the crash-test child: started, read line by line, SIGKILLed at a marker or left to finish. */
final class ChildRun {
    private final Process process;
    private final long started = System.nanoTime();

    /** How the life ended. */
    record Result(boolean killed, String killedAt, boolean finished, Duration elapsed) {
    }

    private ChildRun(Process process) {
        this.process = process;
    }

    static ChildRun start(Path runDir, int subscriptions) throws Exception {
        return start(runDir, subscriptions, CrashChild.class);
    }

    /** A life of {@code main} (args: state dir, ledger file, subscriptions). */
    static ChildRun start(Path runDir, int subscriptions, Class<?> main) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName(),
                runDir.resolve("state").toString(), runDir.resolve("ledger.db").toString(), Integer.toString(subscriptions));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(runDir.toFile().getAbsolutePath() + ".stderr")));
        runDir.toFile().mkdirs();
        return new ChildRun(pb.start());
    }

    /** Reads markers; SIGKILLs at the {@code occurrence}-th line starting with {@code point} (null: never). */
    Result until(String point, int occurrence) throws Exception {
        int seen = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("ALLDONE")) {
                    process.waitFor(30, TimeUnit.SECONDS);
                    return new Result(false, "", true, elapsed());
                }
                if (point != null && matches(line, point) && ++seen == occurrence) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                    return new Result(true, point + " #" + occurrence, false, elapsed());
                }
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(false, "", false, elapsed());
    }

    private static boolean matches(String line, String point) {
        String[] p = point.split(" ");
        String[] l = line.split(" ");
        return l.length == 3 && l[0].equals(p[0]) && l[2].equals(p[1]);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
