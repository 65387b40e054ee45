package org.blockhost.engine.evm.internal;

import java.util.Arrays;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.web3j.crypto.Credentials;

/** Decrypts an admin transaction's input with the admin-command key ({@link AdminCommandKey}) and parses it; key copies are wiped. */
final class AdminTxDecrypter {
    private static final int MAX_INPUT_BYTES = 16 * 1024;
    private final Credentials host;

    AdminTxDecrypter(Credentials host) {
        this.host = host;
    }

    AdminCommandParser.Command command(String inputHex, long blockTime) throws AdminCommandParser.Rejected {
        byte[] data;
        try {
            data = Hex.decode(inputHex);
        } catch (RuntimeException e) {
            throw new AdminCommandParser.Rejected("input is not hex");
        }
        if (data.length == 0 || data.length > MAX_INPUT_BYTES) {
            throw new AdminCommandParser.Rejected("input is empty or too large");
        }
        byte[] key = AdminCommandKey.privateKey(host);
        byte[] plain = null;
        try {
            plain = Ecies.decrypt(key, data);
            return AdminCommandParser.parse(plain, blockTime);
        } catch (CryptoException | IllegalArgumentException e) {
            throw new AdminCommandParser.Rejected("cannot decrypt");
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }
}
