package org.blockhost.core.internal.funds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.engine.api.Treasury;
import org.blockhost.engine.api.Treasury.Balance;

/**
 * What the fund manager reads before it acts: the host wallet, the contract's payout address, what
 * the contract collected, the host's balances and the addresses of the configured roles.
 */
record FundFacts(String host, String payout, Balance collected, Balance hostCoin, Balance hostNative,
        Map<String, String> addresses, String unknownRoles) {

    /** A sentence saying why nothing may be paid, or null. */
    String refusal(FundSettings s) {
        if (!unknownRoles.isEmpty()) {
            return "unknown role(s) in the fund manager's settings: " + unknownRoles
                    + " (add them with `blockhost addressbook add ROLE ADDRESS`)";
        }
        if (!payoutIsHost() && !s.shares().isEmpty()) {
            return "revenue shares need the contract's payout address to be the host wallet " + host + " (it is "
                    + payout + "): the owner (admin) wallet sets it with setPayoutAddress(" + host + ")";
        }
        return null;
    }

    boolean payoutIsHost() {
        return payout.equalsIgnoreCase(host);
    }

    /** Whether the host's gas is below the threshold (a decimal in the native coin). */
    boolean gasLow(FundSettings s) {
        return hostNative.amount().compareTo(threshold(s, hostNative)) < 0;
    }

    String gasSentence(FundSettings s) {
        BigInteger need = threshold(s, hostNative);
        return gasLow(s)
                ? "held: the host wallet's gas " + show(hostNative, hostNative.amount()) + " is below the threshold "
                        + show(hostNative, need) + "; send at least " + show(hostNative, need.subtract(hostNative.amount()))
                        + " to " + host + " (the admin or operator tops it up; revenue stays in the host wallet)"
                : "host gas " + show(hostNative, hostNative.amount()) + " (threshold " + show(hostNative, need) + ")";
    }

    static BigInteger threshold(FundSettings s, Balance nativeCoin) {
        BigDecimal v = new BigDecimal(s.gasThreshold());
        if (v.stripTrailingZeros().scale() > nativeCoin.decimals()) {
            throw new IllegalArgumentException("gasThreshold has more decimals than " + nativeCoin.asset());
        }
        return v.movePointRight(nativeCoin.decimals()).toBigIntegerExact();
    }

    static String show(Balance asset, BigInteger amount) {
        return new BigDecimal(amount, asset.decimals()).stripTrailingZeros().toPlainString() + " " + asset.asset();
    }

    /** Reads everything through the fenced treasury. */
    static FundFacts read(TreasuryCalls chain, FundSettings s) throws FenceException {
        return chain.call("fund manager reads", t -> {
            Balance collected = t.collected();
            List<Balance> balances = t.balances();
            Balance coin = find(balances, collected.asset(), true);
            Balance nativeCoin = find(balances, collected.asset(), false);
            Map<String, String> addresses = new LinkedHashMap<>();
            StringBuilder unknown = new StringBuilder();
            for (String role : roles(s)) {
                try {
                    addresses.put(role, t.roleAddress(role));
                } catch (IllegalArgumentException e) {
                    unknown.append(unknown.length() == 0 ? "" : ", ").append(role);
                }
            }
            return new FundFacts(t.address(), t.payoutAddress(), collected, coin, nativeCoin, addresses,
                    unknown.toString());
        });
    }

    private static List<String> roles(FundSettings s) {
        List<String> out = new java.util.ArrayList<>(s.shares().keySet());
        out.add(s.remainderRole());
        return out;
    }

    private static Balance find(List<Balance> balances, String coin, boolean same) {
        return balances.stream().filter(b -> b.asset().equals(coin) == same).findFirst()
                .orElseThrow(() -> new IllegalStateException("the engine reports no " + (same ? coin : "native coin")
                        + " balance"));
    }

    static Treasury.Balance zero(Balance like) {
        return new Balance(like.asset(), BigInteger.ZERO, like.decimals());
    }
}
