package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.SafeDirs;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * console-issue / console-issue-clear: the setup code, the setup URL and the certificate's
 * fingerprint in {@code <issue dir>/blockhost.issue}, which agetty shows above the console login
 * (production: {@code /etc/issue.d}). The text is built from the three validated values only (none
 * can hold agetty's {@code \} escapes). The directory is opened without following symlinks (and,
 * in the daemon, must be root-owned and not group/other-writable, like its ancestors); the file is
 * written to a fresh temporary file there, mode 0644, and renamed over the old one. Then the
 * running agettys are asked to show it again ({@code agetty --reload}): a getty reads the issue only
 * when it draws its prompt, so without that the console kept showing an earlier boot's code. Not in
 * dry-run (dev); a failed reload is logged and reported ({@code reloaded}), the file stays written.
 */
public final class ConsoleIssue {
    public static final String FILE = "blockhost.issue";
    /** The setup code's alphabet: A–Z and 2–9 without look-alikes (I, L, O). */
    public static final String CODE = "[A-HJKMNP-Z2-9]{6}";
    /** The setup page over HTTPS: host name, IPv4 or [IPv6], optional port, path /setup/. */
    public static final String URL = "https://([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:.]{2,45}\\])"
            + "(:[0-9]{1,5})?/setup/?";
    /** SHA-256 as upper-case hex pairs joined by colons (as the runtime prints it). */
    public static final String FINGERPRINT = "[0-9A-F]{2}(:[0-9A-F]{2}){31}";
    private static final Pattern PORT = Pattern.compile(":([0-9]{1,5})/setup/?$");
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleIssue.class);

    private ConsoleIssue() {
    }

    public static Map<String, Object> write(Args args, AgentContext ctx) throws ActionException {
        String url = args.str("url");
        Matcher port = PORT.matcher(url);
        if (port.find() && (Integer.parseInt(port.group(1)) < 1 || Integer.parseInt(port.group(1)) > 65535)) {
            throw ActionException.rejected("parameter 'url': port out of range 1..65535");
        }
        String text = text(args.str("code"), url, args.str("fingerprint"));
        Path dir = dir(ctx);
        try (SecureDirectoryStream<Path> ds = open(dir, ctx.config().rootOwnedDirs())) {
            replace(ds, text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw ActionException.failed("could not write " + dir.resolve(FILE) + ": " + e.getClass().getSimpleName());
        }
        return Map.of("path", dir.resolve(FILE).toString(), "reloaded", reloadGettys(ctx));
    }

    public static Map<String, Object> clear(Args args, AgentContext ctx) throws ActionException {
        Path dir = dir(ctx);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir)) {
            return Map.of("removed", false);
        }
        try (SecureDirectoryStream<Path> ds = open(dir, ctx.config().rootOwnedDirs())) {
            ds.deleteFile(Path.of(FILE));
            return Map.of("removed", true, "reloaded", reloadGettys(ctx));
        } catch (NoSuchFileException e) {
            return Map.of("removed", false);
        } catch (IOException e) {
            throw ActionException.failed("could not remove " + dir.resolve(FILE) + ": " + e.getClass().getSimpleName());
        }
    }

    /** {@code agetty --reload}: every agetty waiting at its prompt draws the issue again; false when that failed. */
    static boolean reloadGettys(AgentContext ctx) {
        if (ctx.config().hostNetworkDryRun() || CommandRunner.find("agetty") == null) {
            return false;
        }
        try {
            CommandRunner.Result r = ctx.runner().run(List.of("agetty", "--reload"), null, RELOAD_TIMEOUT);
            if (!r.ok()) {
                LOG.warn("agetty --reload exited with {}: the console shows the new issue at its next prompt", r.exitCode());
            }
            return r.ok();
        } catch (ActionException e) {
            LOG.warn("agetty --reload failed ({}): the console shows the new issue at its next prompt", e.getMessage());
            return false;
        }
    }

    /** The console text (agetty prints it verbatim: no backslash can occur in validated values). */
    static String text(String code, String url, String fingerprint) {
        return "BlockHost setup: open " + url + " in a browser and enter the setup code " + code + "\n"
                + "Certificate SHA-256 fingerprint (check that your browser shows the same):\n  " + fingerprint + "\n\n";
    }

    private static Path dir(AgentContext ctx) {
        return ctx.config().issueDir().toAbsolutePath().normalize();
    }

    /** The issue directory (created 0755 when missing); a symlink or unsafe directory on the way is refused. */
    private static SecureDirectoryStream<Path> open(Path dir, boolean rootOwned) throws ActionException {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            return SafeDirs.open(dir, dir.getNameCount(), rootOwned);
        } catch (IOException e) {
            throw ActionException.rejected("issue directory refused: " + e.getMessage());
        }
    }

    private static void replace(SecureDirectoryStream<Path> ds, byte[] content) throws IOException {
        Path tmp = Path.of("." + FILE + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            SmallFiles.writeNew(ds, tmp, content);
            ds.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            ds.move(tmp, ds, Path.of(FILE));
        } finally {
            try {
                ds.deleteFile(tmp);
            } catch (NoSuchFileException e) {
                // moved into place
            }
        }
    }
}
