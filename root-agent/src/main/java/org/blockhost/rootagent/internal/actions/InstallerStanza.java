package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an interface over from the installer's ifupdown set-up to the agent's stanza once an action
 * has applied it: ifupdown refuses an interface defined twice at the next boot, so the interface's
 * {@code iface} stanzas (with their option lines) and its {@code auto}/{@code allow-*} entries leave
 * {@code /etc/network/interfaces} (the file is kept first as {@code interfaces.before-blockhost} in the
 * agent's state directory and rewritten in place: the unit may write that one file, not {@code /etc/network});
 * ifupdown's own DHCP client for it ({@code /run/dhclient.<if>.pid}, a process named {@code dhclient})
 * is stopped, so it no longer renews an address the interface gave up. The one implementation of this
 * rule: the ISO's first boot calls {@code host-bridge-create} and leaves the file and the client to it.
 */
final class InstallerStanza {
    private static final Logger LOG = LoggerFactory.getLogger(InstallerStanza.class);
    private static final Set<String> TOP = Set.of("iface", "auto", "mapping", "source", "source-directory",
            "allow-auto", "allow-hotplug", "rename", "no-auto-down", "no-scripts");

    /** Where ifupdown's DHCP client leaves its pid file. */
    static final Path IFUPDOWN_RUN = Path.of("/run");

    private InstallerStanza() {
    }

    /** After the agent's own stanza for {@code device} stands: the installer's leaves, its DHCP client stops. */
    static void retire(AgentContext ctx, String device, Path runDir) throws ActionException {
        Path file = HostNetwork.interfacesDir(ctx).getParent().resolve("interfaces");
        if (Files.isRegularFile(file) && !Files.isSymbolicLink(file)) {
            try {
                String before = Files.readString(file, StandardCharsets.UTF_8);
                String after = sourcing(without(before, device), HostNetwork.interfacesDir(ctx));
                if (!after.equals(before)) {
                    Files.writeString(ctx.config().stateDir().resolve("interfaces.before-blockhost"), before);
                    Files.writeString(file, after, StandardOpenOption.TRUNCATE_EXISTING);
                    LOG.info("{}: the installer's stanza left {} (kept in the state directory)", device, file);
                }
            } catch (IOException e) {
                throw ActionException.failed("cannot hand " + device + " over from /etc/network/interfaces");
            }
        }
        stopIfupdownClient(runDir, device);
    }

    /** The file without {@code device}'s stanzas and auto/allow entries; everything else byte for byte. */
    static String without(String text, String device) {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        for (String line : text.split("\n", -1)) {
            String[] w = line.strip().split("\\s+");
            boolean top = !line.isBlank() && !line.strip().startsWith("#") && TOP.contains(w[0]);
            if (top) {
                skipping = "iface".equals(w[0]) && w.length > 1 && device.equals(w[1]);
                if (!skipping && (w[0].equals("auto") || w[0].startsWith("allow-")) && Arrays.asList(w).contains(device)) {
                    line = others(w, device).map(rest -> w[0] + " " + rest).orElse(null);
                }
            }
            if (line != null && (line.isBlank() || !skipping)) {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /** The file with a {@code source} line for the agent's stanza directory (added at the end when missing). */
    static String sourcing(String text, Path dir) {
        String d = dir.toAbsolutePath().toString();
        boolean has = text.lines().map(l -> l.strip().split("\\s+")).anyMatch(w -> w.length > 1
                && (w[0].equals("source") && w[1].startsWith(d + "/") || w[0].equals("source-directory") && w[1].equals(d)));
        return has ? text : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "source " + d + "/*\n";
    }

    private static Optional<String> others(String[] words, String device) {
        String rest = Arrays.stream(words).skip(1).filter(x -> !x.equals(device)).collect(Collectors.joining(" "));
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** Stops ifupdown's DHCP client of {@code device} when its pid file names a running {@code dhclient}. */
    static boolean stopIfupdownClient(Path runDir, String device) {
        Path pidFile = runDir.resolve("dhclient." + device + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
            if (!"dhclient".equals(comm)) {
                return false;
            }
            boolean stopped = ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
            LOG.info("{}: ifupdown's DHCP client stopped (the agent's stanza took the interface)", device);
            deleteQuietly(pidFile);
            return stopped;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Under the unit {@code /run} is read-only: a pid file left behind is harmless, {@code /run} is empty at boot. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("{} stays", file);
        }
    }
}
