package org.blockhost.engine.evm.internal;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.InvalidSignatureException;

/**
 * The operator's wallet tools behind {@code blockhost wallet who|balance ROLE} and
 * {@code blockhost addressbook list|add|remove} (the original's {@code bw who}, {@code bw balance},
 * {@code ab}). Bad input is an {@link IllegalArgumentException} with a clear message; nothing is sent.
 */
final class WalletTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WalletTools() {
    }

    /** Who signed MESSAGE (EIP-191): the signer's address. */
    static String who(Engine engine, String message, String signature, boolean json) {
        try {
            String signer = engine.recoverSigner(message, signature);
            return json ? JSON.createObjectNode().put("signer", signer).toString() : signer;
        } catch (InvalidSignatureException e) {
            throw new IllegalArgumentException("not a valid signature of that message: " + e.getMessage());
        }
    }

    /** The address a role (built in or from the address book) or a literal address stands for. */
    static String resolve(Engine engine, EvmAddressBook book, String who) throws ChainUnavailableException {
        if (who.startsWith("0x")) {
            return EvmAddressBook.address(who);
        }
        String role = EvmAddressBook.role(who);
        switch (role) {
            case "host" -> {
                return engine.treasury().address();
            }
            case "admin" -> {
                return engine.credentials().adminHolder()
                        .orElseThrow(() -> new IllegalArgumentException("no admin credential yet"));
            }
            case "payout" -> {
                if (engine.treasury() instanceof EvmTreasury t) {
                    return t.payoutAddress();
                }
                throw new IllegalArgumentException("no payout address");
            }
            default -> {
                String a = book.list().get(role);
                if (a == null) {
                    throw new IllegalArgumentException("unknown role '" + role + "' (roles: host, admin, payout, "
                            + String.join(", ", book.list().keySet()) + ")");
                }
                return a;
            }
        }
    }

    /** {@code addressbook list | add ROLE ADDRESS | remove ROLE}. */
    static String addressbook(EvmAddressBook book, boolean json, String... args) {
        String action = args.length == 0 ? "list" : args[0];
        switch (action) {
            case "list" -> {
                require(args.length <= 1, "usage: addressbook list");
                return list(book.list(), json);
            }
            case "add" -> {
                require(args.length == 3, "usage: addressbook add ROLE ADDRESS");
                String a = book.add(args[1], args[2]);
                return json ? JSON.createObjectNode().put("role", args[1]).put("address", a).toString()
                        : "added " + args[1] + " " + a;
            }
            case "remove" -> {
                require(args.length == 2, "usage: addressbook remove ROLE");
                boolean removed = book.remove(args[1]);
                return json ? JSON.createObjectNode().put("role", args[1]).put("removed", removed).toString()
                        : (removed ? "removed " : "no such role: ") + args[1];
            }
            default -> throw new IllegalArgumentException("usage: addressbook list | add ROLE ADDRESS | remove ROLE");
        }
    }

    private static String list(Map<String, String> entries, boolean json) {
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            entries.forEach(o::put);
            return o.toString();
        }
        StringBuilder b = new StringBuilder();
        entries.forEach((r, a) -> b.append(String.format("%-16s %s%n", r, a)));
        return b.length() == 0 ? "the address book is empty" : b.toString().stripTrailing();
    }

    private static void require(boolean ok, String usage) {
        if (!ok) {
            throw new IllegalArgumentException(usage);
        }
    }
}
