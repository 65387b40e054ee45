package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fund manager's "a crash never pays twice" with real SIGKILLs: {@code blockhost dev} (anvil,
 * the runtime with the EVM engine) with the fund manager configured (dev 2500 bp, ops 1000 bp, the
 * rest to cold, gas threshold 0.5 ETH), the contract's payout address set to the host wallet by
 * the admin wallet and revenue in the contract. {@code blockhost funds run} is started and the
 * runtime's JVM is SIGKILLed at one kill point of the run (core's {@code KillPoints}, on through
 * {@code -Dblockhost.test.killpoints=true}), the stack restarted on the same home and the run
 * started again, four times; the fifth life completes it. Then every recipient holds exactly its
 * share on anvil, the host and the contract nothing, and the store has one run, done, with each
 * transfer paid once.
 */
class FundsCrashSystemTest {
    static final String DEV = "0x00000000000000000000000000000000000de001";
    static final String OPS = "0x00000000000000000000000000000000000de002";
    static final String COLD = "0x00000000000000000000000000000000000de003";
    /** Anvil's first dev account: unlocked, it sends the test's own transactions. */
    static final String FAUCET = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final BigInteger REVENUE = BigInteger.valueOf(1_234_567);
    /** Where each life is killed: after the withdrawal was mined but before it is recorded; after a share was sent
     * (mined) and before its receipt is recorded; between the shares (dev paid, ops recorded but not broadcast);
     * right before the payout of the rest. */
    static final List<String> KILLS = List.of("withdraw.sent payout", "transfer.sent dev", "transfer.signed ops",
            "transfer.before cold");

    @TempDir
    Path dir;

    @Test
    @Tag("crash")
    void aSigkillAtEachStepOfAFundRunAndRestartsPayEveryRecipientExactlyOnce() throws Exception {
        Path home = dir.resolve("home");
        Path out = dir.resolve("dev.log");
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("org.blockhost.core.funds.cfg"), "shares=[\"dev=2500\",\"ops=1000\"]\n"
                + "remainderRole=\"cold\"\ngasThreshold=\"0.5\"\nreceiptTimeoutSeconds=L\"30\"\n"); // typed: every value
        Map<String, String> env = Map.of("BLOCKHOST_JAVA_OPTS", "-Dblockhost.test.killpoints=true");
        Path points = home.resolve("state/killpoints");
        List<String> lives = new ArrayList<>();
        long t0 = System.nanoTime();
        DevStack dev = DevStack.start(env, home, out);
        try {
            lives.add("life 1: dev stack up in " + dev.startMillis() + " ms");
            prepareChain(dev);
            assertEquals(REVENUE, balance(dev, dev.field("subscriptions")), "revenue in the contract");
            for (String kill : KILLS) {
                Files.createDirectories(points);
                Files.writeString(points.resolve("pause"), kill + "\n");
                long killedAfter = killAt(dev, points, kill);
                dev = restart(dev, env, home, out);
                lives.add("killed at " + kill + " " + killedAfter + " ms into the run; restarted in " + dev.startMillis() + " ms");
            }
            Files.deleteIfExists(points.resolve("pause"));
            RuntimeProcess.CliResult last = cli(dev, "funds", "--json", "run");
            assertEquals(0, last.exit(), last.output());
            assertTrue(last.output().contains("\"state\" : \"done\""), last.output());
            assertPaidExactlyOnce(dev);
        } finally {
            dev.close();
        }
        assertOneRunRecorded(home);
        System.out.println("\nFUND MANAGER SIGKILL TEST (blockhost dev on anvil, " + KILLS.size() + " kills, "
                + (System.nanoTime() - t0) / 1_000_000 + " ms in all)\n  " + String.join("\n  ", lives)
                + "\n  kill points passed: " + Files.readAllLines(points.resolve("markers")));
    }

    /** Address book roles, the payout address = the host wallet (sent by the admin wallet), revenue minted to the contract. */
    private static void prepareChain(DevStack dev) throws Exception {
        for (String[] role : new String[][] {{"dev", DEV}, {"ops", OPS}, {"cold", COLD}}) {
            RuntimeProcess.CliResult r = cli(dev, "addressbook", "add", role[0], role[1]);
            assertEquals(0, r.exit(), r.output());
        }
        String admin = dev.field("adminWallet");
        rpcRaw(dev, "anvil_setBalance", "[\"" + admin + "\",\"0x56bc75e2d63100000\"]");
        rpcRaw(dev, "anvil_impersonateAccount", "[\"" + admin + "\"]");
        send(dev, admin, dev.field("subscriptions"), selector("setPayoutAddress(address)") + word(dev.field("hostWallet")));
        send(dev, FAUCET, dev.field("stablecoin"), selector("mint(address,uint256)") + word(dev.field("subscriptions"))
                + String.format("%064x", REVENUE));
    }

    /** Starts {@code funds run}, SIGKILLs the runtime's JVM at {@code kill}; returns the ms from the run's start. */
    private static long killAt(DevStack dev, Path points, String kill) throws Exception {
        Path markers = points.resolve("markers");
        long offset = Files.exists(markers) ? Files.size(markers) : 0;
        ProcessBuilder pb = new ProcessBuilder("bash", RuntimeProcess.ROOT.resolve("blockhost").toString(), "funds", "run",
                "--home", dev.home().toString()).redirectErrorStream(true).redirectOutput(points.resolve("funds-run.out").toFile());
        pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
        long t0 = System.nanoTime();
        Process run = pb.start();
        try {
            long end = t0 + TimeUnit.SECONDS.toNanos(90);
            while (!passed(markers, offset, kill)) {
                if (System.nanoTime() > end || !run.isAlive() && !passed(markers, offset, kill)) {
                    throw new AssertionError("the run never reached " + kill + " (funds run "
                            + (run.isAlive() ? "still runs" : "exited " + run.exitValue() + ": "
                            + Files.readString(points.resolve("funds-run.out"))) + "); markers: "
                            + (Files.exists(markers) ? Files.readString(markers) : "none"));
                }
                Thread.sleep(5);
            }
            if (kill.contains(".sent ")) {
                rpcRaw(dev, "evm_mine", "[]"); // what was sent is mined before the kill: paid on chain, not recorded
            }
            ProcessHandle runtime = ProcessHandle.of(dev.pid("runtime")).orElseThrow(() -> new AssertionError("no runtime"));
            runtime.destroyForcibly();
            runtime.onExit().get(10, TimeUnit.SECONDS);
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean passed(Path markers, long offset, String kill) throws Exception {
        if (!Files.exists(markers)) {
            return false;
        }
        byte[] all = Files.readAllBytes(markers);
        String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
        return text.lines().anyMatch(kill::equals);
    }

    /** The launcher sees its runtime die and stops anvil (which saves its state); then the same home again. */
    private static DevStack restart(DevStack dead, Map<String, String> env, Path home, Path out) throws Exception {
        if (!dead.process().waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the launcher did not stop after its runtime was killed");
        }
        assertEquals(1, dead.process().exitValue(), "the launcher reports the runtime's death");
        ProcessHandle anvil = ProcessHandle.of(dead.pid("anvil")).orElse(null);
        if (anvil != null) {
            anvil.onExit().get(40, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(home.resolve("dev.json"));
        return DevStack.start(env, home, out);
    }

    private static void assertPaidExactlyOnce(DevStack dev) throws Exception {
        BigInteger dev2500 = REVENUE.multiply(BigInteger.valueOf(2500)).divide(BigInteger.valueOf(10_000));
        BigInteger ops1000 = REVENUE.multiply(BigInteger.valueOf(1000)).divide(BigInteger.valueOf(10_000));
        assertEquals(BigInteger.valueOf(308_641), dev2500);
        assertEquals(dev2500, balance(dev, DEV), "dev's share, once");
        assertEquals(ops1000, balance(dev, OPS), "ops' share, once");
        assertEquals(REVENUE.subtract(dev2500).subtract(ops1000), balance(dev, COLD), "the rest to cold, once");
        assertEquals(BigInteger.ZERO, balance(dev, dev.field("hostWallet")), "the host keeps nothing (nothing lost)");
        assertEquals(BigInteger.ZERO, balance(dev, dev.field("subscriptions")), "the contract holds nothing");
    }

    /** The store after the stack stopped: one run, done, one withdrawal and three transfers, all paid. */
    private static void assertOneRunRecorded(Path home) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("state/blockhost.db"));
                Statement s = c.createStatement()) {
            List<String> runs = rows(s, "SELECT id || ' ' || state FROM fund_runs");
            assertEquals(List.of("1 done"), runs, "the run recorded once");
            List<String> transfers = rows(s, "SELECT kind || ' ' || role || ' ' || amount || ' ' || state"
                    + " FROM fund_transfers ORDER BY seq");
            assertEquals(List.of("withdraw payout " + REVENUE + " paid", "transfer dev 308641 paid",
                    "transfer ops 123456 paid", "transfer cold 802470 paid"), transfers);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static BigInteger balance(DevStack dev, String holder) throws Exception {
        String hex = dev.rpc("eth_call", "[{\"to\":\"" + dev.field("stablecoin") + "\",\"data\":\"0x"
                + selector("balanceOf(address)") + word(holder) + "\"},\"latest\"]");
        return new BigInteger(hex.substring(2), 16);
    }

    /** Sends from an unlocked or impersonated account and waits for the receipt. */
    private static void send(DevStack dev, String from, String to, String data) throws Exception {
        String hash = dev.rpc("eth_sendTransaction", "[{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"data\":\"0x"
                + data + "\"}]");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            String receipt = rpcRaw(dev, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (receipt.contains("\"status\":\"0x1\"")) {
                return;
            }
            assertTrue(!receipt.contains("\"status\":\"0x0\""), "reverted: " + receipt);
            Thread.sleep(200);
        }
        throw new AssertionError("no receipt for " + hash);
    }

    private static String rpcRaw(DevStack dev, String method, String params) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(dev.field("rpcUrl"))).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                        + method + "\",\"params\":" + params + "}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
    }

    private static String selector(String signature) {
        return Hex.encode(Keccak.hash256(signature)).substring(0, 8);
    }

    private static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    private static RuntimeProcess.CliResult cli(DevStack dev, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", dev.home().toString()));
        return RuntimeProcess.CliResult.run(cmd);
    }
}
