package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * A chain connection for finalization steps, built from the wizard answers {@value #RPC_URL},
 * {@value #CHAIN_ID} and {@value #HOST_KEY_FILE}, with the same URL policy and key file rules as
 * the engine; the node's chain id must match the answer.
 */
final class SetupChain implements AutoCloseable {
    static final String RPC_URL = "evm.rpcUrl";
    static final String CHAIN_ID = "evm.chainId";
    static final String HOST_KEY_FILE = "evm.hostKeyFile";

    final Web3j web3j;
    final ChainCalls calls;
    final TxSender sender;

    private SetupChain(Web3j web3j, TxSender sender) {
        this.web3j = web3j;
        this.calls = new ChainCalls(web3j);
        this.sender = sender;
    }

    static SetupChain open(FinalizationContext context) throws StepException {
        long chainId = parseChainId(context.requireAnswer(CHAIN_ID));
        Credentials key;
        URI rpc;
        RpcUrlPolicy policy = new RpcUrlPolicy(context.devMode());
        try {
            rpc = policy.check(context.requireAnswer(RPC_URL));
            key = HostKeyFile.read(HostKeyStep.keyFile(context)
                    .orElseThrow(() -> new StepException("missing answer '" + HOST_KEY_FILE + "'")));
        } catch (IllegalArgumentException | IOException e) {
            throw new StepException(e.getMessage());
        }
        OkHttpClient client = new OkHttpClient.Builder().dns(policy.dns()).followRedirects(false).build();
        Web3j web3j = Web3j.build(new HttpService(rpc.toString(), client));
        SetupChain chain = new SetupChain(web3j, new TxSender(web3j, key, chainId, Duration.ofMillis(100),
                Duration.ofMinutes(5)));
        chain.checkChainId(chainId);
        return chain;
    }

    private static long parseChainId(String text) throws StepException {
        try {
            long id = Long.parseLong(text.trim());
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new StepException("chain id must be a positive integer");
        }
    }

    private void checkChainId(long expected) throws StepException {
        BigInteger actual;
        try {
            actual = web3j.ethChainId().send().getChainId();
        } catch (IOException | RuntimeException e) {
            close();
            throw new StepException("the RPC cannot be reached", e);
        }
        if (actual == null || actual.longValue() != expected) {
            close();
            throw new StepException("the RPC serves chain " + actual + ", not " + expected);
        }
    }

    boolean hasCode(String address) throws StepException {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException | RuntimeException e) {
            throw new StepException("cannot read the code at " + address, e);
        }
    }

    long headNumber() throws StepException {
        try {
            return ChainReader.of(web3j).headNumber();
        } catch (ChainUnavailableException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
