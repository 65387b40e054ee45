package org.blockhost.demo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;

/** Names the custom errors of the BlockHost contracts (and OpenZeppelin's) found in revert data. */
final class ContractErrors {
    private static final List<String> SIGNATURES = List.of(
            "PlanNotFound(uint256)", "PlanInactive(uint256)", "InvalidDays(uint256)", "InvalidAccessKey()",
            "StablecoinNotSet()", "SubscriptionNotFound(uint256)", "SubscriptionIsCancelled(uint256)",
            "SubscriptionIsDestroyed(uint256)", "PriceAboveMax(uint256,uint256)", "InvalidStablecoin(address)",
            "AlreadyMinted(uint256,uint256)", "NotTokenOwner(uint256,address)", "NotSubscriber(uint256,address)",
            "NotOperator(address)", "ZeroAddress()",
            "ERC20InsufficientBalance(address,uint256,uint256)", "ERC20InsufficientAllowance(address,uint256,uint256)",
            "ERC721NonexistentToken(uint256)", "ERC721IncorrectOwner(address,uint256,address)",
            "ERC721InsufficientApproval(address,uint256)", "OwnableUnauthorizedAccount(address)");
    private static final Map<String, String> BY_SELECTOR = SIGNATURES.stream()
            .collect(Collectors.toMap(ContractErrors::selector, Function.identity()));

    private ContractErrors() {
    }

    static String selector(String signature) {
        return "0x" + Hex.encode(Keccak.hash256(signature)).substring(0, 8);
    }

    /** {@code Name(arg, …)} for a known error, else the raw data; {@code null} for no data. */
    static String describe(String data) {
        if (data == null || data.length() < 10) {
            return null;
        }
        String signature = BY_SELECTOR.get(data.substring(0, 10).toLowerCase());
        if (signature == null) {
            return "revert data " + data;
        }
        String name = signature.substring(0, signature.indexOf('('));
        String[] types = signature.substring(name.length() + 1, signature.length() - 1).split(",");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < types.length && !types[i].isEmpty(); i++) {
            int from = 10 + 64 * i;
            if (data.length() < from + 64) {
                break;
            }
            String word = data.substring(from, from + 64);
            args.add(types[i].equals("address") ? "0x" + word.substring(24) : new BigInteger(word, 16).toString());
        }
        return name + "(" + String.join(", ", args) + ")";
    }

    /** Whether the described error is {@code name}. */
    static boolean is(String described, String name) {
        return described != null && described.startsWith(name + "(");
    }
}
