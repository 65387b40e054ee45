package org.blockhost.engine.evm.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.Treasury;
import org.blockhost.platform.api.CommandRoles;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Operator commands of the EVM engine: {@code blockhost wallet balance|send ASSET TO AMOUNT|withdraw [TO]}
 * and {@code blockhost chain status}. Amounts are decimal in the asset's unit (for example
 * {@code 1.5} ETH); more fractional digits than the asset has are refused.
 */
@Component(service = EvmCommands.class, property = {
        CommandRoles.PROPERTY + "=wallet=read",
        CommandRoles.PROPERTY + "=wallet balance=read",
        CommandRoles.PROPERTY + "=wallet who=read",
        CommandRoles.PROPERTY + "=addressbook=read",
        CommandRoles.PROPERTY + "=addressbook list=read",
        CommandRoles.PROPERTY + "=addressbook *=treasury",
        CommandRoles.PROPERTY + "=wallet *=treasury",
        CommandRoles.PROPERTY + "=chain=read",
        CommandRoles.PROPERTY + "=chain status=read"})
@GogoCommand(scope = "blockhost", function = {"wallet", "chain", "addressbook"})
public final class EvmCommands {
    private final Engine engine;
    private final ChainEventSink sink;
    private final EvmAddressBook book;

    @Activate
    public EvmCommands(@Reference(target = "(org.blockhost.engine.id=evm)") Engine engine,
            @Reference ChainEventSink sink, BundleContext context) {
        this(engine, sink, new EvmAddressBook(RuntimeLayout.from(context::getProperty).stateDir()
                .resolve("evm-addressbook.json")));
    }

    EvmCommands(Engine engine, ChainEventSink sink, EvmAddressBook book) {
        this.engine = engine;
        this.sink = sink;
        this.book = book;
    }

    @Descriptor("addressbook list | addressbook add ROLE ADDRESS | addressbook remove ROLE")
    public String addressbook(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, String... args) {
        return WalletTools.addressbook(book, json, args);
    }

    @Descriptor("wallet balance [ROLE|ADDRESS] | wallet who MESSAGE SIGNATURE | wallet send ASSET TO AMOUNT"
            + " | wallet withdraw [PAYOUT_ADDRESS]")
    public String wallet(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, String... args) throws ChainUnavailableException {
        Treasury treasury = engine.treasury();
        String action = args.length == 0 ? "balance" : args[0];
        switch (action) {
            case "balance" -> {
                require(args.length <= 2, "usage: wallet balance [ROLE|ADDRESS]");
                if (args.length == 2 && treasury instanceof EvmTreasury evm) {
                    String address = WalletTools.resolve(engine, book, args[1]);
                    return balances(address, evm.balancesOf(address), json);
                }
                return balances(treasury.address(), treasury.balances(), json);
            }
            case "who" -> {
                require(args.length == 3, "usage: wallet who MESSAGE SIGNATURE");
                return WalletTools.who(engine, args[1], args[2], json);
            }
            case "send" -> {
                require(args.length == 4, "usage: wallet send ASSET TO AMOUNT");
                Treasury.Balance asset = asset(treasury.balances(), args[1]);
                String tx = treasury.send(asset.asset(), args[2], parseAmount(args[3], asset.decimals()));
                return json ? "{\"transaction\":\"" + tx + "\"}" : "sent: " + tx;
            }
            case "withdraw" -> {
                require(args.length <= 2, "usage: wallet withdraw [PAYOUT_ADDRESS]");
                String tx = treasury.withdraw(args.length == 2 ? args[1] : payoutAddress(treasury));
                return json ? "{\"transaction\":\"" + tx + "\"}" : "withdrawal sent: " + tx;
            }
            default -> throw new IllegalArgumentException(
                    "usage: wallet balance [ROLE] | who MESSAGE SIGNATURE | send ASSET TO AMOUNT | withdraw [PAYOUT_ADDRESS]");
        }
    }

    @Descriptor("chain status: head, finalized block, watcher cursor and lag")
    public String chain(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, String... args) throws ChainUnavailableException {
        require(args.length == 0 || (args.length == 1 && args[0].equals("status")), "usage: chain status");
        ChainHead head = engine.head();
        Optional<ChainCursor> cursor = sink.cursor(EvmEngine.ID);
        String cursorText = cursor.map(c -> Long.toString(c.blockNumber())).orElse("none");
        String lag = cursor.map(c -> Long.toString(head.number() - c.blockNumber())).orElse("unknown");
        String adminKey = engine instanceof EvmEngine evm ? evm.adminCommandKey() : null;
        if (json) {
            return "{\"head\":" + head.number() + ",\"finalized\":" + head.finalizedNumber() + ",\"cursor\":"
                    + cursor.map(c -> Long.toString(c.blockNumber())).orElse("null") + ",\"lag\":"
                    + cursor.map(c -> Long.toString(head.number() - c.blockNumber())).orElse("null")
                    + ",\"adminCommandKey\":" + (adminKey == null ? "null" : "\"" + adminKey + "\"") + "}";
        }
        return "head       " + head.number() + " (" + head.timestamp() + ")\nfinalized  " + head.finalizedNumber()
                + "\ncursor     " + cursorText + "\nlag        " + lag + " blocks"
                + (adminKey == null ? "" : "\nadmin key  " + adminKey + " (encrypt admin commands to this key)");
    }

    private static String balances(String address, List<Treasury.Balance> balances, boolean json) {
        StringBuilder out = new StringBuilder(json ? "{\"address\":\"" + address + "\",\"balances\":["
                : "wallet " + address);
        for (int i = 0; i < balances.size(); i++) {
            Treasury.Balance b = balances.get(i);
            String amount = new BigDecimal(b.amount(), b.decimals()).toPlainString();
            out.append(json ? (i > 0 ? "," : "") + "{\"asset\":\"" + b.asset() + "\",\"amount\":\"" + amount + "\"}"
                    : "\n" + String.format("%-8s %s", b.asset(), amount));
        }
        return json ? out.append("]}").toString() : out.toString();
    }

    /** The contract's payout address: withdrawals cannot go anywhere else. */
    private static String payoutAddress(Treasury treasury) throws ChainUnavailableException {
        if (treasury instanceof EvmTreasury evm) {
            return evm.payoutAddress();
        }
        throw new IllegalArgumentException("usage: wallet withdraw PAYOUT_ADDRESS");
    }

    private static Treasury.Balance asset(List<Treasury.Balance> balances, String symbol) {
        return balances.stream().filter(b -> b.asset().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown asset " + symbol));
    }

    /** A positive decimal amount in the asset's unit, as an integer in its smallest unit. */
    static BigInteger parseAmount(String text, int decimals) {
        if (text == null || !text.matches("[0-9]{1,30}(\\.[0-9]{1,36})?")) {
            throw new IllegalArgumentException("amount must be a plain decimal number such as 1.5");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > decimals) {
            throw new IllegalArgumentException("amount must be positive with at most " + decimals + " decimals");
        }
        return value.movePointRight(decimals).toBigIntegerExact();
    }

    private static void require(boolean condition, String usage) {
        if (!condition) {
            throw new IllegalArgumentException(usage);
        }
    }
}
