package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Test helpers over an anvil chain: anvil's funded accounts, deployment, calls and log checks. */
final class TestChain {
    static final long CHAIN_ID = 31337;
    /** Test-only keys; the constructor funds them with anvil_setBalance. */
    static final String[] KEYS = {
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "1111111111111111111111111111111111111111111111111111111111111111",
        "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    };

    final Anvil anvil;
    final ChainCalls calls;

    TestChain(Anvil anvil) throws java.io.IOException {
        this.anvil = anvil;
        this.calls = new ChainCalls(anvil.web3j());
        for (int i = 0; i < KEYS.length; i++) {
            anvil.rpc("anvil_setBalance", address(i), "0x21e19e0c9bab2400000");
        }
    }

    TxSender sender(int account) {
        return new TxSender(anvil.web3j(), Credentials.create(KEYS[account]), CHAIN_ID, Duration.ofMillis(10),
                Duration.ofSeconds(60));
    }

    static String address(int account) {
        return Credentials.create(KEYS[account]).getAddress();
    }

    String deploy(TxSender sender, String contract, Type<?>... args) throws Exception {
        String code = ContractArtifacts.bytecode(contract) + FunctionEncoder.encodeConstructor(Arrays.asList(args));
        TransactionReceipt receipt = sender.deploy(code);
        assertTrue(receipt.isStatusOK(), "deployment of " + contract);
        return receipt.getContractAddress();
    }

    /** Deploys stablecoin, subscriptions and credential contracts; account 0 is owner and operator. */
    Deployment deployAll() throws Exception {
        return deployAll(0);
    }

    /** Deploys stablecoin, subscriptions and credential contracts; account 0 is the operator. */
    Deployment deployAll(int ownerAccount) throws Exception {
        TxSender operator = sender(0);
        Address ownerAddress = new Address(address(ownerAccount));
        Address operatorAddress = new Address(address(0));
        String coin = deploy(operator, ContractArtifacts.TEST_STABLECOIN);
        String subs = deploy(operator, ContractArtifacts.SUBSCRIPTIONS, ownerAddress, operatorAddress);
        String cred = deploy(operator, ContractArtifacts.CREDENTIAL, ownerAddress, operatorAddress, new Address(subs));
        return new Deployment(coin, subs, cred);
    }

    record Deployment(String coin, String subscriptions, String credential) {
    }

    /** A compressed secp256k1 point (the generator's x) with the given prefix byte, as an access key. */
    static DynamicBytes accessKey(int prefix) {
        byte[] key = new byte[33];
        key[0] = (byte) prefix;
        System.arraycopy(org.blockhost.crypto.api.Hex.decode(GENERATOR_X), 0, key, 1, 32);
        return new DynamicBytes(key);
    }

    private static final String GENERATOR_X = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    /** As the owner (account 0): the test stablecoin and plan 1 "basic" at {@code centsPerDay}. */
    void setUpPlan(Deployment d, long centsPerDay) throws Exception {
        tx(sender(0), d.subscriptions(), "setStablecoin", new Address(d.coin()));
        tx(sender(0), d.subscriptions(), "createPlan", new Utf8String("basic"), new Uint256(centsPerDay));
    }

    /** Mints and approves test stablecoin for {@code account} (enough for many purchases). */
    void fund(Deployment d, int account) throws Exception {
        Uint256 plenty = new Uint256(new BigInteger("1000000000000000"));
        tx(sender(account), d.coin(), "mint", new Address(address(account)), plenty);
        tx(sender(account), d.coin(), "approve", new Address(d.subscriptions()), plenty);
    }

    /**
     * Roles as after setup: deployed with owner = account 2 (the admin wallet), which sets the
     * stablecoin and creates plan 1 "basic" at {@code centsPerDay}; account 1 funded and approved.
     */
    Deployment deployHandedOver(long centsPerDay) throws Exception {
        Deployment d = deployAll(2);
        tx(sender(2), d.subscriptions(), "setStablecoin", new Address(d.coin()));
        tx(sender(2), d.subscriptions(), "createPlan", new Utf8String("basic"), new Uint256(centsPerDay));
        fund(d, 1);
        return d;
    }

    /** {@code account} buys {@code count} one-day subscriptions of plan 1 (any price accepted). */
    void buy(Deployment d, int account, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            tx(sender(account), d.subscriptions(), "buySubscription", new Uint256(1), new Uint256(1), accessKey(2),
                    ANY_PRICE);
        }
    }

    /** A maxAmount that accepts any price. */
    static final Uint256 ANY_PRICE = new Uint256(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));

    /** {@link #deployAll()}, the stablecoin set, plan 1 "basic" (100 cents a day), account 1 funded and approved. */
    Deployment deployForSale() throws Exception {
        Deployment d = deployAll();
        TxSender owner = sender(0);
        tx(owner, d.subscriptions(), "setStablecoin", new Address(d.coin()));
        tx(owner, d.subscriptions(), "createPlan", new org.web3j.abi.datatypes.Utf8String("basic"), new Uint256(100));
        TxSender buyer = sender(1);
        tx(buyer, d.coin(), "mint", new Address(address(1)), new Uint256(1_000_000_000_000L));
        tx(buyer, d.coin(), "approve", new Address(d.subscriptions()), new Uint256(1_000_000_000_000L));
        return d;
    }

    /** The engine configuration (as DS gives it) for this chain in dev mode, the host key file in {@code dir}. */
    java.util.Map<String, Object> engineConfig(Deployment d, java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path key = dir.resolve("host.key");
        if (!java.nio.file.Files.exists(key)) {
            java.nio.file.Files.writeString(key, KEYS[0]);
            java.nio.file.Files.setPosixFilePermissions(key,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        java.util.Map<String, Object> c = new java.util.HashMap<>();
        c.put("chainId", CHAIN_ID);
        c.put("rpcUrl", anvil.url());
        c.put("devMode", true);
        c.put("subscriptionsAddress", d.subscriptions());
        c.put("credentialAddress", d.credential());
        c.put("hostKeyFile", key.toString());
        c.put("confirmations", 0);
        c.put("pollIntervalMs", 50L);
        return c;
    }

    TransactionReceipt tx(TxSender sender, String to, String name, Type<?>... args) throws Exception {
        return sender.sendAndWait(to, Abi.encode(name, args));
    }

    @SuppressWarnings("rawtypes")
    List<Type> call(String to, String name, List<TypeReference<?>> outputs, Type<?>... args) throws Exception {
        String result = calls.call(address(0), to, Abi.encode(name, args), DefaultBlockParameterName.LATEST);
        return Abi.decode(result, outputs.toArray(new TypeReference<?>[0]));
    }

    BigInteger callUint(String to, String name, Type<?>... args) throws Exception {
        return (BigInteger) call(to, name, List.of(new TypeReference<Uint256>() { }), args).get(0).getValue();
    }

    /** Asserts that {@code from} calling {@code name} reverts with the custom error {@code error}. */
    TransactionRevertedException assertRevert(String error, int from, String to, String name, Type<?>... args)
            throws ChainUnavailableException {
        try {
            calls.call(address(from), to, Abi.encode(name, args), DefaultBlockParameterName.LATEST);
        } catch (TransactionRevertedException e) {
            assertTrue(e.is(error), () -> "expected " + error + " but got " + e.data() + " / " + e.getMessage());
            return e;
        }
        return fail(name + " did not revert (expected " + error + ")");
    }

    /** The single log of {@code event} in the receipt; checks the emitter and the indexed topics. */
    static Log log(TransactionReceipt receipt, String emitter, String event, String... indexed) {
        String topic0 = Abi.topic(event);
        List<Log> matching = receipt.getLogs().stream().filter(l -> l.getTopics().get(0).equals(topic0)).toList();
        assertEquals(1, matching.size(), "logs of " + event);
        Log log = matching.get(0);
        assertEquals(emitter.toLowerCase(), log.getAddress().toLowerCase(), "emitter of " + event);
        assertEquals(indexed.length + 1, log.getTopics().size(), "topics of " + event);
        for (int i = 0; i < indexed.length; i++) {
            assertEquals(indexed[i], log.getTopics().get(i + 1), "topic " + (i + 1) + " of " + event);
        }
        return log;
    }

    /** A uint256 as a 32-byte topic. */
    static String topic(long value) {
        return String.format("0x%064x", value);
    }

    /** An address as a 32-byte topic. */
    static String topic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase();
    }
}
