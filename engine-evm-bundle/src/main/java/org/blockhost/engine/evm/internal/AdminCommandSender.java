package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * Sends an admin command from the admin wallet: {@code {"command","params","nonce","expires"}}
 * ECIES-encrypted to the host's {@link AdminCommandKey admin-command key} as the input of a
 * zero-value transaction to the host address ({@link AdminCommandScanner} finds it at finality).
 * The admin key is the caller's (read from a key file); it signs here and is never stored.
 */
final class AdminCommandSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Web3j web3j;
    private final long chainId;
    private final String hostAddress;
    private final byte[] commandKey;

    AdminCommandSender(Web3j web3j, long chainId, String hostAddress, String commandKeyHex) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.hostAddress = hostAddress;
        this.commandKey = Hex.decode(commandKeyHex);
    }

    /** The plaintext of a command (tests and the dry run show it; it is encrypted before it leaves). */
    static String plaintext(String command, ObjectNode params, long nonce, long expires) {
        ObjectNode o = JSON.createObjectNode().put("command", command);
        o.set("params", params);
        return o.put("nonce", nonce).put("expires", expires).toString();
    }

    /** The host address commands are sent to. */
    String hostAddress() {
        return hostAddress;
    }

    /** The transaction input: the plaintext ECIES-encrypted to the admin-command key (0x-hex). */
    String encrypt(String plaintext) {
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return Numeric.toHexString(Ecies.encrypt(commandKey, plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Encrypts, signs with {@code admin} and submits; returns the transaction hash. */
    String send(Credentials admin, String plaintext) throws ChainUnavailableException {
        String data = encrypt(plaintext);
        FeeOracle fees = new FeeOracle(web3j);
        try {
            BigInteger gas = fees.estimateGas(admin.getAddress(), hostAddress, data, BigInteger.ZERO);
            FeeOracle.Fees f = fees.current();
            BigInteger nonce = web3j.ethGetTransactionCount(admin.getAddress(), DefaultBlockParameterName.PENDING)
                    .send().getTransactionCount();
            RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gas, hostAddress, BigInteger.ZERO, data,
                    f.priority(), f.max());
            EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(
                    TransactionEncoder.signMessage(tx, chainId, admin))).send();
            if (sent.hasError()) {
                throw new ChainUnavailableException("the node refused the admin transaction: " + sent.getError().getMessage());
            }
            return sent.getTransactionHash();
        } catch (TransactionRevertedException e) {
            throw new ChainUnavailableException("the admin transaction would fail: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot send the admin transaction", e);
        }
    }
}
