package org.blockhost.web.internal.setup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.web.api.ClientAddress;
import org.blockhost.web.api.TlsEndpoint;
import org.blockhost.web.internal.http.Net;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the current setup code, the setup URL and the certificate's fingerprint where an operator
 * at the console sees them, and removes them once setup is complete. Production: the root agent's
 * {@code console-issue} action ({@code /etc/issue.d/blockhost.issue}); dev mode: the file
 * {@code <state>/web/issue}. A code is kept in memory only until it is shown; the owner calls
 * {@link #tick} periodically, which retries while HTTPS or the agent is not there yet.
 */
final class SetupNotice {
    private static final Logger LOG = LoggerFactory.getLogger(SetupNotice.class);
    private final boolean dev;
    private final Path devFile;
    private final Supplier<RootAgent> agent;
    private String code;
    private boolean clearWanted;
    private boolean shown = true;
    private String waiting = "";

    SetupNotice(boolean dev, Path devFile, Supplier<RootAgent> agent) {
        this.dev = dev;
        this.devFile = devFile;
        this.agent = agent;
    }

    /** Show this code (replacing any other) at the next {@link #tick}. */
    synchronized void show(String newCode) {
        code = newCode;
        clearWanted = false;
    }

    /** Remove what is shown at the next {@link #tick} (nothing to do when nothing is shown). */
    synchronized void clear() {
        code = null;
        clearWanted = shown;
    }

    /** Brings the console text up to date; what cannot be done yet is retried at the next tick. */
    synchronized void tick(Optional<TlsEndpoint> tls, Set<String> hostNames) {
        if (code != null && showNow(code, tls, hostNames)) {
            code = null;
            shown = true;
        } else if (clearWanted && clearNow()) {
            clearWanted = false;
            shown = false;
        }
    }

    private boolean showNow(String c, Optional<TlsEndpoint> tls, Set<String> hostNames) {
        if (dev) {
            return writeDevFile(text(c, tls.map(t -> setupUrl(t, hostNames)).orElse("(HTTPS is not serving)"),
                    tls.map(TlsEndpoint::fingerprint).orElse("-")));
        }
        if (tls.isEmpty()) {
            return waitFor("HTTPS serves");
        }
        return callAgent("console-issue", Map.of("code", c, "url", setupUrl(tls.get(), hostNames),
                "fingerprint", tls.get().fingerprint()));
    }

    private boolean clearNow() {
        if (dev) {
            try {
                Files.deleteIfExists(devFile);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", devFile, e.getMessage());
            }
            return true;
        }
        return callAgent("console-issue-clear", Map.of());
    }

    /** True when done (or given up: a refused or failed call is logged, not retried). */
    private boolean callAgent(String action, Map<String, Object> params) {
        RootAgent a = agent.get();
        if (a == null) {
            return waitFor("the root agent answers");
        }
        try {
            a.call(action, params);
            waiting = "";
            return true;
        } catch (RootAgentException e) {
            if (e.kind() == RootAgentException.Kind.UNAVAILABLE) {
                return waitFor("the root agent answers (now: " + e.getMessage() + ")");
            }
            LOG.warn("{} for the console failed: {}", action, e.getMessage());
            return true;
        }
    }

    private boolean waitFor(String what) {
        if (!waiting.equals(what)) {
            waiting = what;
            LOG.info("the setup code is shown on the console once {}", what);
        }
        return false;
    }

    private boolean writeDevFile(String text) {
        try {
            Files.createDirectories(devFile.getParent());
            Path tmp = devFile.resolveSibling("." + devFile.getFileName() + ".part");
            Files.writeString(tmp, text);
            Files.move(tmp, devFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", devFile, e.getMessage());
        }
        return true;
    }

    static String text(String code, String url, String fingerprint) {
        return "BlockHost setup: open " + url + " in a browser and enter the setup code " + code + "\n"
                + "Certificate SHA-256 fingerprint (check that your browser shows the same):\n  " + fingerprint + "\n\n";
    }

    /**
     * The setup page's URL as an operator elsewhere reaches it: a configured host name, else the
     * HTTPS address unless it is loopback or a wildcard, else this machine's first routable address.
     */
    static String setupUrl(TlsEndpoint tls, Set<String> hostNames) {
        URI base = URI.create(tls.httpsUrl());
        String host = hostNames.stream().sorted().findFirst().orElse(null);
        if (host == null) {
            String bound = base.getHost().replace("[", "").replace("]", "");
            boolean local = Net.loopbackName(bound) || ClientAddress.literal(bound).map(a -> a.isAnyLocalAddress()).orElse(false);
            host = local ? Net.firstRoutableAddress().orElse(bound) : bound;
        }
        String authority = (host.contains(":") ? "[" + host + "]" : host)
                + (base.getPort() == 443 || base.getPort() < 0 ? "" : ":" + base.getPort());
        return "https://" + authority + "/setup/";
    }
}
