package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.tx.RawTransactionManager;

/**
 * Admin commands end to end, on `blockhost dev` with the root agent as a real daemon inside a
 * network namespace ("the host", with a TCP server on 2222 standing in for SSH); clients connect
 * from a second namespace (10.7.0.1 and 10.7.0.2) over a veth pair. Once the runtime uses the
 * daemon, core's base ruleset closes 2222; {@code blockhost admin knock} from the admin wallet opens
 * it for 10.7.0.1 only, after finality, and the kernel closes it again. A replay of that
 * transaction, and a knock from the admin wallet after it gave token #0 away, open nothing; a knock
 * from the new holder does.
 */
class AdminKnockTest {
    static final String HOST_NS = "bh-knock-h-" + ProcessHandle.current().pid();
    static final String PEER_NS = "bh-knock-p-" + ProcessHandle.current().pid();
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String SERVER = "import socket\n"
            + "s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0',2222));s.listen()\n"
            + "while True:\n  c,_=s.accept();c.close()\n";
    static final String CLIENT = "import socket,sys\n"
            + "s=socket.socket();s.settimeout(1);s.bind((sys.argv[1],0));s.connect(('10.7.0.3',2222))\n";

    @TempDir
    Path home;
    @TempDir
    Path agentDir;

    @Test
    void aKnockFromTheAdminOpensForItsSourceOnlyAndAReplayOrAFormerHolderOpensNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.admin.cfg"),
                "knockPorts=2222\nmanagementPorts=2222\nknockMaxTtlSeconds=600\ntickSeconds=1\n");
        DevKeys.ensureAnvilKeyFile(home, 2);
        List<Process> started = new ArrayList<>();
        Stack stack = null;
        try {
            namespaces();
            started.add(new ProcessBuilder("ip", "netns", "exec", HOST_NS, "python3", "-c", SERVER).start());
            started.add(daemon());
            stack = Stack.start(home, List.of(), Duration.ofMinutes(4));
            await(() -> connects("10.7.0.1") && connects("10.7.0.2"), "2222 reachable before the base ruleset");
            useDaemon();
            await(() -> !connects("10.7.0.1") && !connects("10.7.0.2"), "the base ruleset closes 2222");

            try (DemoChain chain = DemoChain.connect(DevStack.read(home), TIMEOUT)) {
                Path adminKey = home.resolve("keys/admin.key");
                Credentials admin = Credentials.create(Files.readString(adminKey).strip());
                chain.rpc("anvil_setBalance", admin.getAddress(), "0x8ac7230489e80000");
                String tx = knock(adminKey, "10.7.0.1", 8);
                chain.rpc("anvil_mine", "0x46"); // 70 blocks: below anvil's finalized block (head - 64)
                await(() -> connects("10.7.0.1"), "the knock opens 2222 for 10.7.0.1");
                assertFalse(connects("10.7.0.2"), "only for the knock's source");
                await(() -> !connects("10.7.0.1"), "the knock closes by itself");

                RawTransactionManager byAdmin = new RawTransactionManager(chain.web3j(), admin, DevStack.read(home).chainId());
                String input = chain.web3j().ethGetTransactionByHash(tx).send().getTransaction().orElseThrow().getInput();
                String host = Files.readString(home.resolve("etc/keys/evm-host.key.address")).strip();
                byAdmin.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000), host, input,
                        BigInteger.ZERO); // the same command again: same nonce
                Credentials next = Credentials.create(Files.readString(DevKeys.anvilKeyFile(home, 2)).strip());
                byAdmin.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000),
                        DevStack.read(home).credential(), FunctionEncoder.encode(new Function("transferFrom", List.of(
                                new Address(admin.getAddress()), new Address(next.getAddress()), new Uint256(0)), List.of())),
                        BigInteger.ZERO);
                knock(adminKey, "10.7.0.1", 60); // the former holder
                knock(DevKeys.anvilKeyFile(home, 2), "10.7.0.2", 60); // the new holder, sent last
                chain.rpc("anvil_mine", "0x46");
                await(() -> connects("10.7.0.2"), "the new holder's knock opens 2222 for 10.7.0.2");
                assertFalse(connects("10.7.0.1"), "neither the replay nor the former holder opened it for 10.7.0.1");
                assertEquals(2, audited(stack, "done"), "exactly two commands carried out");
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            run("ip", "netns", "del", HOST_NS);
            run("ip", "netns", "del", PEER_NS);
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    private String knock(Path keyFile, String source, int ttl) throws Exception {
        JsonNode r = Cli.run(home, "admin", "--json", "knock", "--port", "2222", "--ttl", Integer.toString(ttl),
                "--source", source, "--key-file", keyFile.toString()).json();
        return r.path("transaction").asText();
    }

    private long audited(Stack stack, String action) throws Exception {
        JsonNode entries = Cli.run(home, "audit", "--json", "200").json();
        long n = 0;
        for (JsonNode e : entries.isArray() ? entries : entries.path("entries")) {
            if ("admin".equals(e.path("actor").asText()) && action.equals(e.path("action").asText())) {
                n++;
            }
        }
        return n;
    }

    /** Switches the running runtime's root agent to the daemon (FileInstall applies the .cfg live). */
    private void useDaemon() throws Exception {
        Path cfg = home.resolve("etc/org.blockhost.rootagent.cfg");
        Path part = home.resolve("etc/.rootagent.part");
        Files.writeString(part, "mode=daemon\nsocketPath=" + agentDir.resolve("agent.sock") + "\n");
        Files.move(part, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Process daemon() throws Exception {
        for (String d : new String[] {"keys", "vms", "templates", "state"}) {
            Files.createDirectories(agentDir.resolve(d));
        }
        Path jar;
        try (var files = Files.list(Stack.ROOT.resolve("root-agent/target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("org\\.blockhost\\.rootagent-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("ip", "netns", "exec", HOST_NS, Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx64m", "-jar", jar.toString(), "--socket", agentDir.resolve("agent.sock").toString(),
                "--group", "root", "--user", "root", "--state-dir", agentDir.resolve("state").toString(),
                "--keys-dir", agentDir.resolve("keys").toString(), "--vm-dir", agentDir.resolve("vms").toString(),
                "--template-dir", agentDir.resolve("templates").toString(), "--issue-dir",
                agentDir.resolve("issue.d").toString(), "--libvirt-uri", "test:///default")
                .redirectErrorStream(true).redirectOutput(agentDir.resolve("daemon.log").toFile()).start();
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(agentDir.resolve("agent.sock"))) {
            if (!p.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("root agent daemon did not start: " + Files.readString(agentDir.resolve("daemon.log")));
            }
            Thread.sleep(100);
        }
        return p;
    }

    private static void namespaces() throws Exception {
        ok("ip", "netns", "add", HOST_NS);
        ok("ip", "netns", "add", PEER_NS);
        ok("ip", "netns", "exec", HOST_NS, "ip", "link", "set", "lo", "up");
        ok("ip", "netns", "exec", HOST_NS, "ip", "link", "add", "bhk0", "type", "veth", "peer", "name", "bhk1", "netns", PEER_NS);
        ok("ip", "netns", "exec", HOST_NS, "ip", "addr", "add", "10.7.0.3/24", "dev", "bhk0");
        ok("ip", "netns", "exec", HOST_NS, "ip", "link", "set", "bhk0", "up");
        ok("ip", "netns", "exec", PEER_NS, "ip", "addr", "add", "10.7.0.1/24", "dev", "bhk1");
        ok("ip", "netns", "exec", PEER_NS, "ip", "addr", "add", "10.7.0.2/24", "dev", "bhk1");
        ok("ip", "netns", "exec", PEER_NS, "ip", "link", "set", "bhk1", "up");
    }

    static boolean connects(String from) {
        try {
            return run("ip", "netns", "exec", PEER_NS, "python3", "-c", CLIENT, from) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void ok(String... argv) throws Exception {
        assertEquals(0, run(argv), String.join(" ", argv));
    }

    static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void await(Check check, String what) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + TIMEOUT + "\n" + Stack.tail(home, 40));
            }
            Thread.sleep(500);
        }
    }
}
