package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Security review C2 and H2 end to end on {@code blockhost dev}: a purchase with an off-curve
 * access key is refused by the contract and creates nothing; two buyers' purchases swapped across
 * subscription ids by a real {@code anvil_reorg} after the pipeline served the first one end with
 * each buyer holding exactly their own VM and NFT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReorgAndKeyTest {
    private static final Duration VM_TIMEOUT = Duration.ofSeconds(60);
    private static final String INVALID_ACCESS_KEY = Hash.sha3String("InvalidAccessKey()").substring(0, 10);

    @TempDir
    static Path home;
    static Stack stack;
    static DemoChain chain;
    static ChainControl control;
    static Vms vms;
    static DemoWallet alice;
    static DemoWallet bob;

    @BeforeAll
    static void startStack() throws Exception {
        Path lifecycle = home.resolve("etc/org.blockhost.core.lifecycle.cfg");
        Files.createDirectories(lifecycle.getParent());
        Files.writeString(lifecycle, TestDriverFlowTest.LIFECYCLE_CFG); // 1 s checks, 18 s grace
        stack = Stack.start(home, List.of(), Duration.ofMinutes(4));
        chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
        control = new ChainControl(chain);
        vms = new Vms(stack);
        for (int account : new int[] {3, 4}) {
            DevKeys.ensureAnvilKeyFile(home, account);
        }
        alice = DemoWallet.fromKeyFile(DevKeys.anvilKeyFile(home, 3));
        bob = DemoWallet.fromKeyFile(DevKeys.anvilKeyFile(home, 4));
    }

    /** The price of plan 1 for a day, with the wallets funded and approved for it. */
    private static BigInteger funded(DemoWallet... wallets) {
        Subscriptions subs = new Subscriptions(chain);
        BigInteger price = subs.price(1, 1);
        for (DemoWallet w : wallets) {
            subs.fund(w, price);
        }
        return price;
    }

    @Test
    @Order(1)
    void anOffCurveAccessKeyIsRefusedByTheContractAndCreatesNoVm() throws Exception {
        BigInteger price = funded(bob);
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x02;
        offCurve[32] = 0x05; // x = 5: x^3 + 7 is not a square mod p
        String data = buyData(offCurve, price);
        String from = bob.address().toChecksumString();
        String to = chain.stack().subscriptions();
        EthEstimateGas estimate = chain.web3j().ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send();
        assertTrue(estimate.hasError(), "the contract must refuse an off-curve key");
        assertTrue(String.valueOf(estimate.getError().getData()).contains(INVALID_ACCESS_KEY.substring(2)),
                "revert InvalidAccessKey, got " + estimate.getError().getMessage() + " " + estimate.getError().getData());
        // sent anyway (explicit gas, no estimate): mined as a revert, no SubscriptionCreated
        String hash = (String) chain.rpc("eth_sendTransaction", Map.of("from", from, "to", to, "data", data,
                "gas", "0x7a120"));
        TransactionReceipt receipt = awaitReceipt(hash);
        assertEquals("0x0", receipt.getStatus(), "the purchase must revert");
        assertEquals(List.of(), receipt.getLogs(), "no event, no payment");
        control.mine(5); // past the watcher's confirmations
        Thread.sleep(3000);
        assertEquals(List.of(), vms.list(), "no VM for a refused purchase");
        assertEquals(List.of(), vms.pipeline(), "nothing in the pipeline");
        Path vmDir = home.resolve("agent/var/lib/blockhost/vms");
        if (Files.isDirectory(vmDir)) {
            try (Stream<Path> s = Files.list(vmDir)) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("blockhost-")).toList(),
                        "no domain files");
            }
        }
    }

    @Test
    @Order(2)
    void purchasesReorderedAcrossIdsAfterServingEndWithEachBuyerHoldingOnlyTheirOwn() throws Exception {
        BigInteger price = funded(alice, bob);
        Subscriptions subs = new Subscriptions(chain);
        Purchase first = subs.buy(alice, 1, 1);
        long id = first.subscriptionId();
        String oldVm = first.vmName();
        JsonNode served = vms.awaitState(oldVm, "active", VM_TIMEOUT);
        assertTrue(alice.address().toChecksumString().equalsIgnoreCase(served.path("owner").asText()), served.toString());
        assertTrue(new Credentials(chain).tokenOf(id).isPresent(), "Alice's NFT minted before the reorg");

        // the new fork from the block before Alice's purchase: Bob's purchase first, then every
        // transaction of the replaced blocks again (Alice's purchase, the host's mint for her), as a
        // node puts reorged-out transactions back in its pool
        control.intervalMining(0);
        long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        long depth = head - first.blockNumber() + 1;
        assertTrue(depth >= 2, "the mint came after the purchase");
        List<String> replayed = transactionsOf(first.blockNumber(), head);
        List<Object> fork = new ArrayList<>(List.of(List.of(buyTx(bob, price), 0)));
        replayed.forEach(h -> fork.add(List.of(chain.rpc("eth_getRawTransactionByHash", h), 1)));
        chain.rpc("anvil_reorg", depth, fork);
        control.intervalMining(1);
        for (String h : replayed) {
            TransactionReceipt r = awaitReceipt(h);
            if (r.getTo() != null && r.getTo().equalsIgnoreCase(chain.stack().credential())) {
                assertEquals("0x0", r.getStatus(), "the replayed mint of id " + id + " to Alice must revert (NotSubscriber)");
            }
        }
        assertTrue(bob.address().toChecksumString().equalsIgnoreCase(subs.subscription(id).subscriber()),
                "on the new fork Bob's purchase has id " + id);
        assertTrue(alice.address().toChecksumString().equalsIgnoreCase(subs.subscription(id + 1).subscriber()),
                "on the new fork Alice's purchase has id " + (id + 1));

        JsonNode alices = awaitLive(id + 1, alice);
        vms.await(oldVm, VM_TIMEOUT, "suspended or gone after the reorg",
                v -> !"active".equals(v.path("state").asText()));
        control.mine(70); // Bob's purchase below anvil's finalized (head - 64)
        JsonNode bobs = awaitLive(id, bob);
        assertNotEquals(alices.path("name").asText(), bobs.path("name").asText());

        Credentials credentials = new Credentials(chain);
        List<Log> mints = control.credentialMinted(0).stream().filter(m -> ChainControl.subscriptionOf(m) != 0).toList();
        assertEquals(2, mints.size(), "one NFT per purchase on the final chain (id 0: setup's admin credential): " + mints);
        for (JsonNode vm : List.of(alices, bobs)) {
            long sub = vm.path("subscription").asLong();
            String subscriber = subs.subscription(sub).subscriber();
            long token = credentials.tokenOf(sub).orElseThrow(() -> new AssertionError("no NFT for " + sub));
            assertEquals(token, vm.path("token").asLong(), "the store's token of " + vm);
            assertTrue(subscriber.equalsIgnoreCase(credentials.ownerOf(token)), "NFT of " + sub + " owned by its subscriber");
            assertTrue(subscriber.equalsIgnoreCase(vm.path("owner").asText()), "VM of " + sub + " owned by its subscriber");
            assertEquals(1, mints.stream().filter(m -> ChainControl.subscriptionOf(m) == sub
                    && subscriber.equalsIgnoreCase(ChainControl.recipientOf(m))).count(), "one mint to the subscriber");
        }
        List<JsonNode> live = live();
        assertEquals(2, live.size(), "one VM per purchase, nothing else: " + live);
        for (DemoWallet w : List.of(alice, bob)) {
            String a = w.address().toChecksumString();
            assertEquals(1, live.stream().filter(v -> a.equalsIgnoreCase(v.path("owner").asText())).count(), a + " VMs");
            assertEquals(1, mints.stream().filter(m -> a.equalsIgnoreCase(ChainControl.recipientOf(m))).count(), a + " NFTs");
        }
    }

    /** Waits until exactly one VM of the subscription is active with the buyer as owner and a token. */
    private static JsonNode awaitLive(long sub, DemoWallet buyer) throws Exception {
        String owner = buyer.address().toChecksumString();
        long end = System.nanoTime() + VM_TIMEOUT.toNanos();
        List<JsonNode> seen = List.of();
        while (System.nanoTime() < end) {
            seen = live().stream().filter(v -> v.path("subscription").asLong() == sub).toList();
            if (seen.size() == 1 && "active".equals(seen.get(0).path("state").asText())
                    && owner.equalsIgnoreCase(seen.get(0).path("owner").asText()) && seen.get(0).hasNonNull("token")) {
                return seen.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("subscription " + sub + " never got one active VM of " + owner + "; seen " + seen
                + "\nall: " + vms.list() + "\npipeline: " + vms.pipeline() + "\npool: " + chain.rpc("txpool_inspect")
                + "\n" + Stack.tail(home, 40));
    }

    /** VMs in {@code vm list --json} that are not destroyed. */
    private static List<JsonNode> live() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode v : vms.list()) {
            if (!"destroyed".equals(v.path("state").asText())) {
                out.add(v);
            }
        }
        return out;
    }

    /** Hashes of every transaction in blocks {@code from..to}, in chain order. */
    private static List<String> transactionsOf(long from, long to) throws Exception {
        List<String> out = new ArrayList<>();
        for (long b = from; b <= to; b++) {
            chain.web3j().ethGetBlockByNumber(new DefaultBlockParameterNumber(b), false).send().getBlock()
                    .getTransactions().forEach(t -> out.add((String) t.get()));
        }
        return out;
    }

    /** A buySubscription(1, 1 day, K of the wallet) request for anvil to sign (dev accounts are unlocked). */
    private static Map<String, String> buyTx(DemoWallet w, BigInteger price) {
        byte[] k;
        try (AccessKeyPair pair = w.accessKey(chain.stack())) {
            k = pair.publicKey();
        }
        return Map.of("from", w.address().toChecksumString(), "to", chain.stack().subscriptions(),
                "data", buyData(k, price), "gas", "0x7a120");
    }

    private static String buyData(byte[] key, BigInteger price) {
        return FunctionEncoder.encode(new Function("buySubscription", List.of(new Uint256(1), new Uint256(1),
                new DynamicBytes(key), new Uint256(price)), List.of()));
    }

    private static TransactionReceipt awaitReceipt(String hash) throws Exception {
        long end = System.nanoTime() + VM_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            var r = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (r.isPresent()) {
                return r.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("transaction " + hash + " not mined");
    }

    @AfterAll
    static void stop() {
        for (DemoWallet w : new DemoWallet[] {alice, bob}) {
            if (w != null) {
                w.close();
            }
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
