package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoException;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Names;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-driver flow: {@code blockhost dev} (anvil, the exported runtime, the EVM engine, the
 * libvirt provisioner on {@code test:///default}) from three purchases by two wallets to NFT
 * transfer, expiry, extension and destroy after the grace period. The steps share one stack and
 * run in order; each needs the previous one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestDriverFlowTest {
    /** Grace 0.000208333 d = 18 s: long enough to extend a suspended VM before it goes, short for a test. */
    static final String LIFECYCLE_CFG = "intervalSeconds=1\nreconcileIntervalSeconds=1\ngracePeriodDays=0.000208333\n";
    private static final Duration VM_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path home;
    static Stack stack;
    static DemoChain chain;
    static ChainControl control;
    static MintWatcher mints;
    static Vms vms;
    static DemoWallet alice;
    static DemoWallet bob;
    static final Map<Long, Purchase> purchases = new LinkedHashMap<>();
    static final Map<Long, DemoWallet> buyers = new LinkedHashMap<>();
    static final Map<Long, Long> minedNanos = new LinkedHashMap<>();
    static final Map<String, Double> phases = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.lifecycle.cfg"), LIFECYCLE_CFG);
        stack = Stack.start(home, List.of(), Duration.ofMinutes(4));
        chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
        control = new ChainControl(chain);
        mints = new MintWatcher(control);
        vms = new Vms(stack);
        alice = wallet(3);
        bob = wallet(4);
    }

    static DemoWallet wallet(int account) {
        DevKeys.ensureAnvilKeyFile(home, account);
        return DemoWallet.fromKeyFile(DevKeys.anvilKeyFile(home, account));
    }

    @Test
    @Order(1)
    void threePurchasesFromTwoWalletsBecomeThreeActiveVmsWithNftsOfTheirBuyers() throws Exception {
        Subscriptions subs = new Subscriptions(chain);
        for (DemoWallet w : List.of(alice, alice, bob)) {
            Purchase p = subs.buy(w, 1, 1);
            minedNanos.put(p.subscriptionId(), System.nanoTime());
            purchases.put(p.subscriptionId(), p);
            buyers.put(p.subscriptionId(), w);
        }
        assertEquals(3, purchases.size());
        for (long sub : purchases.keySet()) {
            mints.await(sub, 60_000);
            JsonNode vm = vms.awaitState(Names.vmName(sub), "active", VM_TIMEOUT);
            String buyer = buyers.get(sub).address().toChecksumString();
            assertTrue(buyer.equalsIgnoreCase(vm.path("owner").asText()), "store owner of " + vm);
            assertTrue(buyer.equalsIgnoreCase(ChainControl.recipientOf(mints.mint(sub))), "NFT minted to the buyer");
            long token = ChainControl.tokenOf(mints.mint(sub));
            assertEquals(token, vm.path("token").asLong(), "token in the store");
            assertTrue(buyer.equalsIgnoreCase(new Credentials(chain).ownerOf(token)), "ownerOf on chain");
        }
        assertEquals(3, vms.list().stream().filter(v -> "active".equals(v.path("state").asText())).count());
    }

    @Test
    @Order(2)
    void eachCredentialsBlobDecryptsWithItsOwnersWalletOnly() throws Exception {
        Credentials credentials = new Credentials(chain);
        for (Map.Entry<Long, DemoWallet> e : buyers.entrySet()) {
            long sub = e.getKey();
            DemoWallet owner = e.getValue();
            DemoWallet other = owner == alice ? bob : alice;
            long token = ChainControl.tokenOf(mints.mint(sub));
            JsonNode plain = Stack.JSON.readTree(credentials.decrypt(owner, token).json());
            assertEquals(1, plain.path("v").asInt());
            assertEquals(Names.vmName(sub), plain.path("vm").asText());
            assertTrue(plain.path("port").asInt() > 0 && !plain.path("user").asText().isEmpty(), plain.toString());
            assertThrows(DemoException.class, () -> credentials.decrypt(other, token), "other wallet must not decrypt");
        }
    }

    @Test
    @Order(3)
    void nftTransferUpdatesTheOwnerOnTheVmAndTheNewOwnersKeyGetsTheCredentials() throws Exception {
        long sub = firstOf(alice);
        String vm = Names.vmName(sub);
        long token = vms.show(vm).path("token").asLong();
        new Credentials(chain).transfer(alice, bob.address().toChecksumString(), token);
        long t0 = System.nanoTime();
        JsonNode shown = vms.await(vm, VM_TIMEOUT, "owner " + bob.address(),
                v -> bob.address().toChecksumString().equalsIgnoreCase(v.path("owner").asText()));
        phases.put("NFT transfer mined -> owner in store", Timings.seconds(t0, System.nanoTime()));
        String wallet = bob.address().toChecksumString();
        vms.await(vm, VM_TIMEOUT, "the guest's owner set to " + wallet,
                v -> Vms.audited(v, "reconciler", "owner set", wallet));
        guestWasToldTheNewOwnerAndEvictedThePrevious(vm, wallet, token);
        assertEquals("active", shown.path("state").asText());
        buyers.put(sub, bob);

        Credentials credentials = new Credentials(chain);
        credentials.registerAccessKey(bob, token);
        long t1 = System.nanoTime();
        JsonNode plain = ChainControl.awaitDecryptable(credentials, bob, token, Duration.ofSeconds(60));
        phases.put("new owner's access key mined -> credentials re-sealed to it", Timings.seconds(t1, System.nanoTime()));
        assertEquals(vm, plain.path("vm").asText());
        assertThrows(DemoException.class, () -> credentials.decrypt(alice, token), "the previous owner must not decrypt");
    }

    /**
     * The effect in the guest, not the store's word for it: the test driver's guest record has the new
     * GECOS, and between the previous owner's GECOS and it the previous holder was evicted.
     */
    private static void guestWasToldTheNewOwnerAndEvictedThePrevious(String vm, String wallet, long token)
            throws Exception {
        GuestRecord guest = new GuestRecord(home);
        guest.awaitGecos(vm, "wallet=" + wallet + ",nft=" + token, VM_TIMEOUT);
        List<List<String>> told = guest.commands(vm);
        String previous = "wallet=" + alice.address().toChecksumString().toLowerCase();
        int lastOld = -1;
        int evicted = -1;
        for (int i = 0; i < told.size(); i++) {
            String line = String.join(" ", told.get(i)).toLowerCase();
            if (line.startsWith("/usr/sbin/usermod -c " + previous)) {
                lastOld = i;
            } else if (lastOld >= 0 && line.startsWith("/usr/bin/pkill -kill -u ")) {
                evicted = i;
            }
        }
        assertTrue(lastOld >= 0, "the guest was told its first owner at mint: " + told);
        assertTrue(evicted > lastOld, "the previous holder's processes were killed on the transfer: " + told);
        List<String> last = told.get(told.size() - 1);
        assertEquals("/usr/sbin/usermod", last.get(0));
        assertTrue(last.get(2).equalsIgnoreCase("wallet=" + wallet + ",nft=" + token), "the new GECOS comes last: " + told);
    }

    @Test
    @Order(4)
    void expirySuspendsExtensionResumesGraceDestroys() throws Exception {
        long t0 = System.nanoTime();
        control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
        for (long sub : purchases.keySet()) {
            vms.awaitState(Names.vmName(sub), "suspended", VM_TIMEOUT);
        }
        phases.put("chain time past expiry -> 3 VMs suspended", Timings.seconds(t0, System.nanoTime()));

        long renewed = purchases.keySet().iterator().next();
        new Subscriptions(chain).extend(buyers.get(renewed), renewed, 1);
        long t1 = System.nanoTime();
        JsonNode resumed = vms.awaitState(Names.vmName(renewed), "active", VM_TIMEOUT);
        phases.put("extension mined -> VM resumed", Timings.seconds(t1, System.nanoTime()));
        assertTrue(Vms.audited(resumed, "suspended") && Vms.audited(resumed, "resumed"), resumed.toString());

        long t2 = System.nanoTime();
        control.mine(80); // the purchases' blocks below anvil's finalized block (head - 64)
        for (long sub : purchases.keySet()) {
            if (sub != renewed) {
                JsonNode gone = vms.awaitState(Names.vmName(sub), "destroyed", VM_TIMEOUT);
                assertTrue(Vms.audited(gone, "destroy check 1 of 2"), gone.toString());
            }
        }
        phases.put("expiry final -> lapsed VMs destroyed (grace 18 s)", Timings.seconds(t2, System.nanoTime()));
        assertEquals("active", vms.show(Names.vmName(renewed)).path("state").asText(), "the renewed VM stays");
        String metrics = stack.get("/metrics");
        assertTrue(metrics.contains("blockhost_vms{state=\"active\"} 1\n"), metrics);
        assertTrue(metrics.contains("blockhost_vms{state=\"destroyed\"} 2\n"), metrics);
        assertEquals(3, Metrics.value(metrics, "blockhost_pipeline_end_to_end_seconds_count"), 0.0);
        assertTrue(metrics.contains("blockhost_provisioner_cold_path_seconds_count{step=\"overlay\"} 3\n")
                && metrics.contains("blockhost_provisioner_cold_path_seconds_count{step=\"first boot finished\"} 3\n"),
                "the libvirt provisioner's cold-path breakdown of the 3 creates: " + metrics);
    }

    private static long firstOf(DemoWallet w) {
        return buyers.entrySet().stream().filter(e -> e.getValue() == w).findFirst().orElseThrow().getKey();
    }

    @AfterAll
    static void report() throws Exception {
        try {
            if (stack != null && stack.launcher.isAlive()) {
                writeTimings();
            }
        } finally {
            if (mints != null) {
                mints.close();
            }
            if (chain != null) {
                chain.close();
            }
            if (stack != null) {
                stack.close();
                assertEquals(List.of(), stack.leftBehind(), "processes left behind");
            }
        }
    }

    private static void writeTimings() throws IOException, InterruptedException {
        Timings t = new Timings("1-test-driver", "test-driver flow: blockhost dev, EVM engine + libvirt test:///default");
        t.header("%-12s %-16s %-44s %s", "SUBSCRIPTION", "VM", "BUYER", "PURCHASE MINED -> NFT MINTED");
        for (Map.Entry<Long, Long> e : minedNanos.entrySet()) {
            Long minted = mints.firstSeen(e.getKey());
            t.row("%-12d %-16s %-44s %s", e.getKey(), Names.vmName(e.getKey()), purchases.get(e.getKey()).subscriber(),
                    minted == null ? "not minted" : String.format("%.2f s", Timings.seconds(e.getValue(), minted)));
        }
        String metrics = stack.get("/metrics");
        t.row("%-62s %.2f s", "of which core's pipeline received -> active (mean, /metrics)",
                Metrics.value(metrics, "blockhost_pipeline_end_to_end_seconds_sum")
                        / Metrics.value(metrics, "blockhost_pipeline_end_to_end_seconds_count"));
        phases.forEach((k, v) -> t.row("%-62s %.2f s", k, v));
        t.row("%-62s %.1f s", "blockhost dev start (to dev.json + /ready 200)", stack.startMillis / 1000.0);
        t.row("%-62s %d MiB", "runtime RSS (VmRSS, EVM engine + libvirt provisioner active)", stack.runtimeRssKiB() / 1024);
        t.write();
    }
}
