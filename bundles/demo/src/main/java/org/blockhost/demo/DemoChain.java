package org.blockhost.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.blockhost.crypto.api.Address;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * A JSON-RPC connection to the dev stack's chain: contract calls, and transactions signed by a
 * {@link DemoWallet} (one at a time per address; the nonce is read from the pending state). Reverts
 * come back as {@link DemoException} naming the contract's custom error.
 */
public final class DemoChain implements AutoCloseable {
    private static final BigInteger ANVIL_CHAIN_ID = BigInteger.valueOf(31337);
    private static final BigInteger GAS_FLOOR = new BigInteger("100000000000000000"); // 0.1 ETH
    private static final BigInteger GAS_TOP_UP = new BigInteger("10000000000000000000"); // 10 ETH

    /** One sender at a time per address (nonces come from the pending state), across instances. */
    private static final Map<Address, Object> SENDER_LOCKS = new ConcurrentHashMap<>();

    private final DevStack stack;
    private final HttpService service;
    private final Web3j web3j;
    private final Duration receiptTimeout;

    private DemoChain(DevStack stack, HttpService service, Duration receiptTimeout) {
        this.stack = stack;
        this.service = service;
        this.web3j = Web3j.build(service);
        this.receiptTimeout = receiptTimeout;
    }

    /** Connects and checks that the node's chain id is the stack's. */
    public static DemoChain connect(DevStack stack, Duration receiptTimeout) {
        DemoChain chain = new DemoChain(stack, new HttpService(stack.rpcUrl()), receiptTimeout);
        Web3j web3j = chain.web3j;
        BigInteger id;
        try {
            id = web3j.ethChainId().send().getChainId();
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new DemoException("cannot reach the chain RPC at " + stack.rpcUrl() + " (" + e.getMessage()
                    + "): is `blockhost dev` running?", e);
        }
        if (id == null || id.longValue() != stack.chainId()) {
            web3j.shutdown();
            throw new DemoException("the RPC at " + stack.rpcUrl() + " serves chain " + id + ", dev.json says "
                    + stack.chainId());
        }
        return chain;
    }

    public DevStack stack() {
        return stack;
    }

    /** The underlying web3j client (for raw calls in tests). */
    public Web3j web3j() {
        return web3j;
    }

    /** A raw JSON-RPC call (for example {@code evm_increaseTime}); returns the JSON result. */
    public Object rpc(String method, Object... params) {
        Raw response = io(() -> new Request<>(method, Arrays.asList(params), service, Raw.class)
                .send(), method, true);
        return response.getResult();
    }

    /** On an anvil chain (id 31337), gives the address 10 ETH for gas when it holds less than 0.1. */
    public boolean ensureGas(Address address) {
        BigInteger balance = io(() -> web3j.ethGetBalance(address.toChecksumString(),
                DefaultBlockParameterName.LATEST).send(), "eth_getBalance", false).getBalance();
        if (balance.compareTo(GAS_FLOOR) >= 0 || !ANVIL_CHAIN_ID.equals(BigInteger.valueOf(stack.chainId()))) {
            return false;
        }
        rpc("anvil_setBalance", address.toChecksumString(), "0x" + GAS_TOP_UP.toString(16));
        return true;
    }

    /** eth_call at latest; decodes the outputs of {@code fn}. */
    @SuppressWarnings("rawtypes")
    List<Type> call(String to, Function fn) {
        String data = FunctionEncoder.encode(fn);
        EthCall result = io(() -> web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameterName.LATEST).send(), fn.getName(), false);
        if (result.hasError() || result.isReverted()) {
            throw reverted(fn.getName(), result.hasError() ? result.getError() : null, result.getRevertReason());
        }
        return FunctionReturnDecoder.decode(result.getValue(), fn.getOutputParameters());
    }

    /** Sends {@code fn} to {@code to} from the wallet and waits for a successful receipt. */
    TransactionReceipt send(DemoWallet wallet, String to, Function fn) {
        String data = FunctionEncoder.encode(fn);
        String from = wallet.address().toChecksumString();
        synchronized (SENDER_LOCKS.computeIfAbsent(wallet.address(), a -> new Object())) {
            EthEstimateGas estimate = io(() -> web3j.ethEstimateGas(
                    Transaction.createEthCallTransaction(from, to, data)).send(), fn.getName(), false);
            if (estimate.hasError()) {
                throw reverted(fn.getName(), estimate.getError(), null);
            }
            BigInteger gas = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
            BigInteger price = io(() -> web3j.ethGasPrice().send(), "eth_gasPrice", false).getGasPrice();
            RawTransactionManager tm = new RawTransactionManager(web3j, wallet.transactionSigner(), stack.chainId());
            EthSendTransaction sent = io(() -> tm.sendTransaction(price, gas, to, data, BigInteger.ZERO),
                    fn.getName(), false);
            if (sent.hasError()) {
                throw new DemoException(fn.getName() + " was refused by the node: " + sent.getError().getMessage());
            }
            return awaitReceipt(fn.getName(), sent.getTransactionHash());
        }
    }

    private TransactionReceipt awaitReceipt(String what, String hash) {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            var receipt = io(() -> web3j.ethGetTransactionReceipt(hash).send(), "eth_getTransactionReceipt", false)
                    .getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK()) {
                    throw new DemoException(what + " transaction " + hash + " reverted");
                }
                return receipt.get();
            }
            sleep(Duration.ofMillis(100));
        }
        throw new DemoException(what + " transaction " + hash + " was not mined within "
                + receiptTimeout.toSeconds() + " s");
    }

    private static DemoException reverted(String what, Response.Error error, String reason) {
        String data = error == null ? null : unquote(error.getData());
        String described = ContractErrors.describe(data);
        String message = error != null ? error.getMessage() : reason;
        return new RevertException(what + " reverted: " + (described != null ? described : message), described);
    }

    private static String unquote(String json) {
        return json == null ? null : json.replace("\"", "").trim();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted", e);
        }
    }

    private <T extends Response<?>> T io(IoCall<T> call, String what, boolean failOnError) {
        T response;
        try {
            response = call.run();
        } catch (IOException e) {
            throw new DemoException("cannot reach the chain RPC at " + stack.rpcUrl() + " during " + what + " ("
                    + e.getMessage() + "): is `blockhost dev` running?", e);
        }
        if (failOnError && response.hasError()) {
            throw new DemoException(what + " failed: " + response.getError().getMessage());
        }
        return response;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    /** Any JSON result. */
    public static final class Raw extends Response<Object> {
    }
}
