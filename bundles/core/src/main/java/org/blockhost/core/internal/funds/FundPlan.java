package org.blockhost.core.internal.funds;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an amount is split: each share gets {@code amount × bps / 10000} rounded down, the rest
 * (including every rounding remainder) goes to the remainder role. Zero amounts are left out.
 */
public final class FundPlan {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private FundPlan() {
    }

    /** One transfer of the plan. */
    public record Transfer(String role, String to, BigInteger amount) {
    }

    /** {@code addresses}: role → address, for every share role and the remainder role. */
    public static List<Transfer> split(BigInteger amount, Map<String, Integer> shares, String remainderRole,
            Map<String, String> addresses) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        List<Transfer> out = new ArrayList<>();
        BigInteger rest = amount;
        for (Map.Entry<String, Integer> share : shares.entrySet()) {
            BigInteger part = amount.multiply(BigInteger.valueOf(share.getValue())).divide(BPS);
            rest = rest.subtract(part);
            if (part.signum() > 0) {
                out.add(new Transfer(share.getKey(), addresses.get(share.getKey()), part));
            }
        }
        if (rest.signum() > 0) {
            out.add(new Transfer(remainderRole, addresses.get(remainderRole), rest));
        }
        return out;
    }
}
