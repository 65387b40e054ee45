package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.blockhost.platform.api.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI socket with real peer credentials: clients run as other Unix users ({@code setpriv}) and
 * connect to a real socket. nobody (group nogroup) is an operator, daemon (group daemon) is the
 * treasurer; both reach the socket through its group (nogroup). Needs root.
 */
class CliPeerAccessTest {
    @TempDir
    Path tmp;
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private CliEndpoint endpoint;
    private Path socket;
    private Path classes;

    /** Stands in for the EVM engine's command (same function and role declaration). */
    public final class Wallet {
        public String wallet(String... args) {
            ran.add(String.join(" ", args));
            return args.length == 0 ? "balance 1.0" : "withdrawal sent: 0xfeed";
        }
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue(CliServer.runtimeUid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        classes = copyClientClasses();
        CommandProcessorImpl processor = new CommandProcessorImpl();
        processor.addCommand(CommandCatalog.SCOPE, new Wallet(), "wallet");
        Commands commands = new Commands() {
            @Override
            public Set<String> names() {
                return new TreeSet<>(Set.of("wallet"));
            }

            @Override
            public CommandRules rules() {
                CommandRules rules = new CommandRules();
                rules.add(new String[] {"wallet=read", "wallet balance=read", "wallet *=treasury"}, "wallet");
                return rules;
            }
        };
        AuditTrail trail = (actor, subject, action, detail) -> audit.add(actor + "|" + subject + "|" + action + "|" + detail);
        RoleTable roles = new RoleTable(List.of("nogroup", "daemon"), List.of("nogroup"), List.of("daemon"), List.of(),
                4242);
        socket = tmp.resolve("state/blockhost.sock");
        endpoint = new CliEndpoint(socket, "nogroup", new CommandRunner(processor, commands,
                new CommandGate(() -> roles, () -> trail)), new UnixAccounts());
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() throws IOException {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void anOperatorIsRefusedAWithdrawalAndTheRefusalIsAudited() throws Exception {
        Result r = client(List.of("--reuid", "nobody", "--regid", "nogroup", "--clear-groups"), "wallet", "withdraw", "0xabc");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("not permitted: wallet needs role treasury (group daemon)"), r.output);
        assertEquals(List.of(), ran, "the command did not run");
        assertEquals(List.of("uid=65534(nobody)|wallet|cli.refused|wallet withdraw 0xabc [needs treasury]"), audit);

        Result balance = client(List.of("--reuid", "nobody", "--regid", "nogroup", "--clear-groups"), "wallet");
        assertEquals(0, balance.exit, balance.output);
        assertTrue(balance.output.contains("balance 1.0"), balance.output);
        assertEquals(1, audit.size(), "read-only calls are not audited");
    }

    @Test
    void aTreasurerGetsThroughAndTheCallIsAuditedFirst() throws Exception {
        Result r = client(List.of("--reuid", "daemon", "--regid", "daemon", "--groups", "nogroup"), "wallet", "--json",
                "withdraw", "0xabc");
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("withdrawal sent: 0xfeed"), r.output);
        assertEquals(List.of("--json withdraw 0xabc"), ran);
        assertEquals(List.of("uid=1(daemon)|wallet|cli.run|wallet --json withdraw 0xabc"), audit);
    }

    @Test
    void aPeerWithoutARoleGroupCanRunNothing() throws Exception {
        // uid 4243 has no passwd entry and no role group; it reaches the socket only through nogroup
        Result r = client(List.of("--reuid", "4243", "--regid", "4243", "--groups", "nogroup"), "help");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("not permitted: help needs role read (group nogroup or daemon)"), r.output);
        assertEquals(List.of("uid=4243|help|cli.refused|help [needs read]"), audit);
    }

    @Test
    void anAnswersFileIsReadWithTheCallersPermissionsNotTheRuntimes() throws Exception {
        Path key = tmp.resolve("evm-host.key");
        Files.writeString(key, "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Result r = client(List.of("--reuid", "nobody", "--regid", "nogroup", "--clear-groups"), "setup", "--answers",
                key.toString());
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("cannot read answers file " + key), r.output);
        assertTrue(!r.output.contains("4c0883") && audit.isEmpty() && ran.isEmpty(), "nothing was sent: " + r.output);
    }

    private record Result(int exit, String output) {
    }

    private Result client(List<String> identity, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv"));
        cmd.addAll(identity);
        cmd.addAll(List.of("--", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-cp", classes.toString(), CliClient.class.getName(), socket.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client finished");
        return new Result(p.exitValue(), out);
    }

    /** The client's classes, where other users can read them. */
    private Path copyClientClasses() throws IOException {
        Path from = Path.of(CliClient.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path pkg = from.resolve(CliClient.class.getPackageName().replace('.', '/'));
        Path to = tmp.resolve("classes");
        Path target = to.resolve(CliClient.class.getPackageName().replace('.', '/'));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("Cli")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        try (Stream<Path> all = Files.walk(to)) {
            for (Path f : all.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return to;
    }
}
