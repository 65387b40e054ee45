package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.blockhost.crypto.api.Eip55;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * The wizard's chain check: the RPC URL passes the policy, the node answers with the expected
 * chain id, and the host key file, when one is given, yields a wallet whose balance is shown (without
 * one, setup creates the key later: no wallet to show). Never returns or logs the key.
 */
final class ChainSettingsCheck {
    /**
     * The outcome: either an error, or the node's chain id and, when a key file was given, the host
     * address and its balance (wei; both null without a key file).
     */
    record Result(String error, long chainId, String hostAddress, BigInteger balanceWei) {
        boolean ok() {
            return error == null;
        }
    }

    private ChainSettingsCheck() {
    }

    static Result check(String rpcUrl, String chainIdText, String hostKeyFile, boolean dev) {
        long expected;
        try {
            expected = Long.parseLong(chainIdText == null ? "" : chainIdText.trim());
        } catch (NumberFormatException e) {
            return failure("the chain id must be a number");
        }
        RpcUrlPolicy policy = new RpcUrlPolicy(dev);
        URI rpc;
        Credentials key;
        try {
            rpc = policy.check(rpcUrl);
            key = hostKeyFile == null || hostKeyFile.isBlank() ? null : HostKeyFile.read(Path.of(hostKeyFile.trim()));
        } catch (IllegalArgumentException | IOException e) {
            return failure(e.getMessage());
        }
        OkHttpClient client = new OkHttpClient.Builder().dns(policy.dns()).followRedirects(false)
                .callTimeout(Duration.ofSeconds(10)).build();
        Web3j web3j = Web3j.build(new HttpService(rpc.toString(), client));
        try {
            long actual = web3j.ethChainId().send().getChainId().longValueExact();
            if (actual != expected) {
                return failure("the RPC serves chain " + actual + ", not " + expected);
            }
            if (key == null) {
                return new Result(null, actual, null, null);
            }
            BigInteger balance = web3j.ethGetBalance(key.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getBalance();
            return new Result(null, actual, Eip55.checksum(key.getAddress()), balance);
        } catch (IOException | RuntimeException e) {
            return failure("the RPC cannot be reached or answered garbage");
        } finally {
            web3j.shutdown();
        }
    }

    private static Result failure(String message) {
        return new Result(message, 0, null, null);
    }
}
