package org.blockhost.rootagent.internal.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.rootagent.internal.action.ActionException;

/**
 * Runs a program with an argument vector (never a shell), a fixed minimal environment, a timeout
 * and capped output. The program is looked up only in the fixed PATH.
 */
public final class CommandRunner {
    public static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    public static final int OUTPUT_CAP = 64 * 1024;

    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "root-agent-output");
        t.setDaemon(true);
        return t;
    });

    /** The result of a finished command; output is truncated to {@link #OUTPUT_CAP} bytes. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Absolute path of {@code program} in the fixed PATH, or null. */
    public static Path find(String program) {
        for (String dir : PATH.split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public Result run(List<String> argv, byte[] stdin, Duration timeout) throws ActionException {
        Path exe = find(argv.get(0));
        if (exe == null) {
            throw ActionException.failed("program not installed: " + argv.get(0));
        }
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, exe.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("LANG", "C");
        try {
            Process p = pb.start();
            return await(p, stdin, timeout, argv.get(0));
        } catch (IOException e) {
            throw ActionException.failed("could not run " + argv.get(0) + ": " + e.getMessage());
        }
    }

    private Result await(Process p, byte[] stdin, Duration timeout, String name) throws ActionException, IOException {
        Future<String> out = pumps.submit(() -> drain(p.getInputStream()));
        Future<String> err = pumps.submit(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the program may exit without reading its input; its exit code tells
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw ActionException.failed(name + " timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw ActionException.failed(name + " interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw ActionException.failed(name + ": could not read its output");
        }
    }

    private static String drain(InputStream in) throws IOException {
        byte[] kept = new byte[OUTPUT_CAP];
        int n = 0;
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) >= 0) {
            int take = Math.min(r, OUTPUT_CAP - n);
            System.arraycopy(buf, 0, kept, n, take);
            n += take;
        }
        return new String(kept, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Runs and requires exit code 0; the failure message carries the first line of stderr. */
    public Result runOk(List<String> argv, byte[] stdin, Duration timeout) throws ActionException {
        Result r = run(argv, stdin, timeout);
        if (!r.ok()) {
            String e = r.stderr().strip();
            int nl = e.indexOf('\n');
            e = nl < 0 ? e : e.substring(0, nl);
            e = e.length() > 300 ? e.substring(0, 300) : e;
            throw ActionException.failed(argv.get(0) + " exited with " + r.exitCode() + ": " + e);
        }
        return r;
    }
}
