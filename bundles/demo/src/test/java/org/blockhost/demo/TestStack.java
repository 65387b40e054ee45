package org.blockhost.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * The three contracts deployed on a {@link LocalAnvil} by anvil account 0 (the "host"), plan 1
 * "basic" (150 cents/day, active) and plan 2 "retired" (inactive), and the dev.json that
 * describes them in a fresh dev home. The host side (minting sealed credentials) is here too.
 */
final class TestStack implements AutoCloseable {
    static final String[] ANVIL_KEYS = {
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    };

    final Path home;
    final DevStack stack;
    final DemoChain chain;
    final DemoWallet host;

    private TestStack(Path home, DevStack stack, DemoChain chain, DemoWallet host) {
        this.home = home;
        this.stack = stack;
        this.chain = chain;
        this.host = host;
    }

    static TestStack deploy(LocalAnvil anvil, Path home) throws Exception {
        Files.createDirectories(home);
        DemoWallet host = DemoWallet.fromKeyFile(keyFile(home, "host.key", ANVIL_KEYS[0]));
        DevStack bare = new DevStack(anvil.url, 31337, "localhost", zero(), zero(), zero(),
                host.address().toChecksumString(), "http://127.0.0.1:1/");
        try (DemoChain deployer = DemoChain.connect(bare, Duration.ofSeconds(30))) {
            var hostAddress = Abi.address(host.address());
            String coin = deploy(deployer, host, "TestStablecoin", "");
            String subs = deploy(deployer, host, "BlockhostSubscriptions",
                    FunctionEncoder.encodeConstructor(List.of(hostAddress, hostAddress)));
            String cred = deploy(deployer, host, "AccessCredential", FunctionEncoder.encodeConstructor(
                    List.of(hostAddress, hostAddress, Abi.address(subs))));
            DevStack stack = new DevStack(anvil.url, 31337, "localhost", subs, cred, coin,
                    host.address().toChecksumString(), "http://127.0.0.1:1/");
            Files.writeString(home.resolve(DevStack.FILE), json(stack));
            TestStack t = new TestStack(home, stack, DemoChain.connect(stack, Duration.ofSeconds(30)), host);
            t.ownerTx(subs, "setStablecoin", Abi.address(coin));
            t.ownerTx(subs, "createPlan", new Utf8String("basic"), new Uint256(150));
            t.ownerTx(subs, "createPlan", new Utf8String("retired"), new Uint256(100));
            t.ownerTx(subs, "updatePlan", new Uint256(2), new Utf8String("retired"), new Uint256(100), new Bool(false));
            return t;
        }
    }

    /** A 0600 key file in the home. */
    static Path keyFile(Path dir, String name, String hex) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, hex + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    DemoWallet wallet(int account) throws IOException {
        return DemoWallet.fromKeyFile(keyFile(home, "wallet-" + account + "-test.key", ANVIL_KEYS[account]));
    }

    /** What the host does after a purchase: seal the JSON to K and mint the NFT to the buyer. */
    long mintSealed(Purchase purchase, String json) {
        byte[] sealed = Ecies.encrypt(Hex.decode(purchase.accessKey()), json.getBytes(StandardCharsets.UTF_8));
        TransactionReceipt receipt = ownerTx(stack.credential(), "mint", Abi.address(purchase.subscriber()),
                new Uint256(purchase.subscriptionId()), new DynamicBytes(sealed));
        return new BigInteger(receipt.getLogs().stream().filter(l -> l.getTopics().size() == 4)
                .reduce((a, b) -> b).orElseThrow().getTopics().get(1).substring(2), 16).longValueExact();
    }

    TransactionReceipt ownerTx(String to, String name, Type<?>... args) {
        return chain.send(host, to, Abi.fn(name, List.of(args), List.of()));
    }

    static String credentialsJson(long subscriptionId) {
        return "{\"v\":1,\"vm\":\"" + Names.vmName(subscriptionId) + "\",\"host\":\"localhost\",\"port\":2201,"
                + "\"user\":\"admin\"}";
    }

    private static String deploy(DemoChain chain, DemoWallet from, String contract, String args) throws Exception {
        String bin;
        try (InputStream in = TestStack.class.getResourceAsStream("/contracts/" + contract + ".bin")) {
            bin = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        RawTransactionManager tm = new RawTransactionManager(chain.web3j(), from.transactionSigner(), 31337);
        String hash = tm.sendTransaction(chain.web3j().ethGasPrice().send().getGasPrice(),
                BigInteger.valueOf(8_000_000), null, (bin.startsWith("0x") ? "" : "0x") + bin + args,
                BigInteger.ZERO, true).getTransactionHash();
        for (int i = 0; i < 200; i++) {
            var receipt = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return Abi.address(new org.web3j.abi.datatypes.Address(receipt.get().getContractAddress()));
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("deployment of " + contract + " not mined");
    }

    private static String zero() {
        return "0x0000000000000000000000000000000000000000";
    }

    static String json(DevStack s) {
        return "{\"rpcUrl\":\"" + s.rpcUrl() + "\",\"chainId\":" + s.chainId() + ",\"host\":\"" + s.host()
                + "\",\"subscriptions\":\"" + s.subscriptions() + "\",\"credential\":\"" + s.credential()
                + "\",\"stablecoin\":\"" + s.stablecoin() + "\",\"adminWallet\":\"" + s.adminWallet()
                + "\",\"httpUrl\":\"" + s.httpUrl() + "\"}";
    }

    @Override
    public void close() {
        chain.close();
        host.close();
    }
}
