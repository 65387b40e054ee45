package org.blockhost.test.scripted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripted plugins' persistent world under {@code <state>/scripted/}: {@code ledger} holds
 * every call ({@code call create|mint|setowner KEY}) and every effect ({@code vm NAME},
 * {@code mint SUB TOKEN OWNER}, {@code owner NAME GECOS}); {@code markers} holds the kill points
 * passed ({@code POINT SUB}). While {@code pause} exists, every kill point sleeps 300 ms so a test
 * can SIGKILL the runtime right there.
 */
@Component(service = ScriptedLedger.class)
public final class ScriptedLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedLedger.class);
    private static final long PAUSE_MILLIS = 300;

    private final Path dir;
    private final AppendFile ledger;
    private final AppendFile markers;
    private final Set<String> vms = new LinkedHashSet<>();
    private final Map<Long, String[]> mints = new LinkedHashMap<>();

    @Activate
    public ScriptedLedger(BundleContext context) {
        dir = RuntimeLayout.from(context::getProperty).stateDir().resolve("scripted");
        ledger = new AppendFile(dir.resolve("ledger"));
        markers = new AppendFile(dir.resolve("markers"));
        for (String line : ledger.initialLines()) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "vm" -> vms.add(f[1]);
                case "destroyed" -> vms.remove(f[1]);
                case "mint" -> mints.put(Long.parseLong(f[1]), new String[] {f[2], f[3]});
                default -> { }
            }
        }
        LOG.info("scripted ledger at {}: {} VMs, {} tokens", dir, vms.size(), mints.size());
    }

    @Deactivate
    void close() throws IOException {
        ledger.close();
        markers.close();
    }

    Path dir() {
        return dir;
    }

    /** Creates the VM unless the ledger already has it; returns whether this call created it. */
    synchronized boolean createVm(String name) {
        ledger.append("call create " + name);
        if (!vms.add(name)) {
            return false;
        }
        ledger.append("vm " + name);
        return true;
    }

    synchronized boolean hasVm(String name) {
        return vms.contains(name);
    }

    synchronized List<String> vms() {
        return List.copyOf(vms);
    }

    synchronized void destroy(String name) {
        if (vms.remove(name)) {
            ledger.append("destroyed " + name);
        }
    }

    /** Mints the token of a subscription, or returns the one the ledger already has. */
    synchronized long mint(long subscriptionId, String owner) {
        ledger.append("call mint " + subscriptionId);
        String[] existing = mints.get(subscriptionId);
        if (existing != null) {
            return Long.parseLong(existing[0]);
        }
        long token = mints.size() + 1L;
        ledger.append("mint " + subscriptionId + " " + token + " " + owner);
        mints.put(subscriptionId, new String[] {Long.toString(token), owner});
        return token;
    }

    synchronized Optional<Long> tokenOf(long subscriptionId) {
        return Optional.ofNullable(mints.get(subscriptionId)).map(m -> Long.parseLong(m[0]));
    }

    synchronized Optional<String> ownerOf(long token) {
        return mints.values().stream().filter(m -> m[0].equals(Long.toString(token))).map(m -> m[1]).findFirst();
    }

    synchronized void setOwner(String name, String gecos) {
        ledger.append("call setowner " + name);
        ledger.append("owner " + name + " " + gecos);
    }

    /** Records a kill point and, while {@code pause} exists, waits there so a test can kill the runtime. */
    void mark(String point, long subscriptionId) {
        markers.append(point + " " + subscriptionId);
        if (Files.exists(dir.resolve("pause"))) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long subscriptionOf(String vmName) {
        return Long.parseLong(vmName.substring(vmName.lastIndexOf('-') + 1));
    }
}
