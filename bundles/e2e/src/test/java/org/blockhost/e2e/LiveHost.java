package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link HostLeftovers.Host} on this machine: {@code /proc/<pid>/cmdline}, {@code nft}, {@code ip link}. Root only. */
final class LiveHost implements HostLeftovers.Host {

    @Override
    public List<HostLeftovers.Proc> processes() {
        List<HostLeftovers.Proc> procs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (name.matches("[0-9]+")) {
                    cmdline(dir).ifPresent(c -> procs.add(new HostLeftovers.Proc(Long.parseLong(name), c)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return procs;
    }

    private static java.util.Optional<String> cmdline(Path dir) {
        try {
            String c = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return c.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(c);
        } catch (IOException e) {
            return java.util.Optional.empty(); // gone meanwhile
        }
    }

    @Override
    public List<String> nftTables() {
        return run("nft", "list", "tables").lines().map(String::strip).filter(l -> l.startsWith("table "))
                .map(l -> l.substring("table ".length())).toList();
    }

    @Override
    public boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    @Override
    public void kill(HostLeftovers.Proc p) {
        if (cmdline(Path.of("/proc", Long.toString(p.pid()))).filter(p.cmdline()::equals).isPresent()) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void deleteTable(String familyAndName) {
        String[] parts = familyAndName.split(" ");
        run("nft", "delete", "table", parts[0], parts[1]);
    }

    @Override
    public void deleteLink(String name) {
        run("ip", "link", "delete", name);
    }

    private static String run(String... cmd) {
        try {
            return RealGuest.run(cmd);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
