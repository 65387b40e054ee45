package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** The client API against the real contracts on anvil: buy, NFT, decrypt, extend, transfer. */
class BuyOnAnvilTest extends AnvilStackTestBase {
    @Test
    void buyPullsThePriceAndEmitsTheAccessKeyOfTheWallet() throws Exception {
        Subscriptions subs = new Subscriptions(t.chain);
        try (DemoWallet buyer = t.wallet(1)) {
            BigInteger price = subs.price(1, 30);
            assertEquals(BigInteger.valueOf(150L * 30 * 1_000_000 / 100), price, "150 cents/day, 30 days, 6 decimals");
            BigInteger contractBefore = subs.stablecoinBalance(Address.parse(t.stack.subscriptions()));
            Purchase p = subs.buy(buyer, 1, 30);

            assertEquals(price, subs.stablecoinBalance(Address.parse(t.stack.subscriptions())).subtract(contractBefore));
            assertEquals(BigInteger.ZERO, subs.stablecoinBalance(buyer.address()), "minted exactly the price");
            assertEquals(buyer.address().toChecksumString(), p.subscriber());
            assertEquals(1, p.planId());
            // K computed here from the DESIGN.md text, independently of DemoWallet.accessKey
            String message = "BlockHost access key\nHost: localhost\nChain ID: 31337\nContract: "
                    + Address.parse(t.stack.credential()).toChecksumString() + "\nVersion: 1";
            byte[] expected = AccessKey.publicKey(PersonalSign.sign(Hex.decode(TestStack.ANVIL_KEYS[1]), message));
            assertArrayEquals(expected, Hex.decode(p.accessKey()));
            Subscriptions.Subscription s = subs.subscription(p.subscriptionId());
            assertEquals(p.expiresAt(), s.expiresAt());
            assertEquals(Names.vmName(p.subscriptionId()), p.vmName());
        }
    }

    @Test
    void theOwnersWalletDecryptsTheMintedCredentialsAndAnotherWalletCannot() throws Exception {
        Credentials creds = new Credentials(t.chain);
        try (DemoWallet buyer = t.wallet(1); DemoWallet other = t.wallet(2)) {
            Purchase p = new Subscriptions(t.chain).buy(buyer, 1, 1);
            assertTrue(creds.tokenOf(p.subscriptionId()).isEmpty());
            long token = t.mintSealed(p, TestStack.credentialsJson(p.subscriptionId()));
            assertEquals(token, creds.awaitToken(p.subscriptionId(), Duration.ofSeconds(5)));
            assertEquals(buyer.address().toChecksumString(), creds.ownerOf(token));

            VmAccess vm = creds.decrypt(buyer, token);
            assertEquals(TestStack.credentialsJson(p.subscriptionId()), vm.json());
            assertEquals(p.vmName(), vm.vm());
            assertEquals("ssh -p 2201 admin@localhost", vm.sshCommand());

            DemoException e = assertThrows(DemoException.class, () -> creds.decrypt(other, token));
            assertEquals("wallet " + other.address().toChecksumString() + " cannot decrypt these credentials: they"
                    + " are not sealed to its access key: not its NFT, token " + token + " is owned by "
                    + buyer.address().toChecksumString(), e.getMessage());
        }
    }

    @Test
    void extendAndTransferAndRegisterAKeyAsTheNewOwner() throws Exception {
        Subscriptions subs = new Subscriptions(t.chain);
        Credentials creds = new Credentials(t.chain);
        try (DemoWallet buyer = t.wallet(1); DemoWallet other = t.wallet(2)) {
            Purchase p = subs.buy(buyer, 1, 2);
            long expiry = subs.extend(other, p.subscriptionId(), 3);
            assertEquals(p.expiresAt() + 3 * 86_400L, expiry);
            assertEquals(expiry, subs.subscription(p.subscriptionId()).expiresAt());

            long token = t.mintSealed(p, TestStack.credentialsJson(p.subscriptionId()));
            creds.transfer(buyer, other.address().toChecksumString(), token);
            assertEquals(other.address().toChecksumString(), creds.ownerOf(token));
            DemoException unsealed = assertThrows(DemoException.class, () -> creds.decrypt(other, token));
            assertTrue(unsealed.getMessage().endsWith("the wallet owns token " + token + ": register its access key"
                    + " on the token (setAccessKey) and wait for the host to re-seal them"), unsealed.getMessage());
            creds.registerAccessKey(other, token);
            try (var pair = other.accessKey(t.stack)) {
                assertEquals(Hex.encode(pair.publicKey()), creds.registeredAccessKey(token));
            }
            RevertException e = assertThrows(RevertException.class,
                    () -> creds.transfer(buyer, buyer.address().toChecksumString(), token));
            assertTrue(e.is("ERC721InsufficientApproval"), e.getMessage());
        }
    }

    @Test
    void aPriceRaisedBetweenQuoteAndBuyRevertsAndTakesNothing() throws Exception {
        t.ownerTx(t.stack.subscriptions(), "createPlan", new Utf8String("promo"), new Uint256(100));
        long promo = Abi.uint(t.chain.call(t.stack.subscriptions(), Abi.fn("planCount", List.of(),
                List.of(Abi.UINT)))).longValueExact();
        Subscriptions subs = new Subscriptions(t.chain);
        try (DemoWallet buyer = t.wallet(2)) {
            BigInteger quote = subs.price(promo, 2);
            t.ownerTx(t.stack.subscriptions(), "updatePlan", new Uint256(promo), new Utf8String("promo"),
                    new Uint256(101), new Bool(true));
            BigInteger contractBefore = subs.stablecoinBalance(Address.parse(t.stack.subscriptions()));
            RevertException e = assertThrows(RevertException.class, () -> subs.buy(buyer, promo, 2, quote));
            assertTrue(e.is("PriceAboveMax"), e.getMessage());
            assertEquals(contractBefore, subs.stablecoinBalance(Address.parse(t.stack.subscriptions())));
            Purchase p = subs.buy(buyer, promo, 2);
            assertEquals(subs.price(promo, 2), p.paid(), "the new quote is paid");
        }
    }

    @Test
    void unknownAndInactivePlansAreRefusedBeforeAnyTransaction() throws Exception {
        Subscriptions subs = new Subscriptions(t.chain);
        try (DemoWallet buyer = t.wallet(2)) {
            DemoException unknown = assertThrows(DemoException.class, () -> subs.buy(buyer, 9, 1));
            assertEquals("plan 9 does not exist (plans are numbered from 1)", unknown.getMessage());
            DemoException inactive = assertThrows(DemoException.class, () -> subs.buy(buyer, 2, 1));
            assertEquals("plan 2 (retired) is not active", inactive.getMessage());
            RevertException days = assertThrows(RevertException.class, () -> subs.price(1, 0));
            assertEquals("InvalidDays(0)", days.error());
        }
    }

    @Test
    void waitingForAnNftThatNeverComesNamesThePipelineCommand() {
        DemoException e = assertThrows(DemoException.class,
                () -> new Credentials(t.chain).awaitToken(999, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("no access NFT for subscription 999")
                && e.getMessage().contains("blockhost pipeline"), e.getMessage());
    }

    @Test
    void anUnreachableRpcOrAWrongChainIsAClearError() {
        DevStack s = t.stack;
        DevStack down = new DevStack("http://127.0.0.1:1", 31337, s.host(), s.subscriptions(), s.credential(),
                s.stablecoin(), s.adminWallet(), s.httpUrl());
        DemoException e = assertThrows(DemoException.class, () -> DemoChain.connect(down, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("cannot reach the chain RPC at http://127.0.0.1:1")
                && e.getMessage().endsWith("is `blockhost dev` running?"), e.getMessage());
        DevStack wrong = new DevStack(s.rpcUrl(), 1, s.host(), s.subscriptions(), s.credential(),
                s.stablecoin(), s.adminWallet(), s.httpUrl());
        e = assertThrows(DemoException.class, () -> DemoChain.connect(wrong, Duration.ofSeconds(1)));
        assertEquals("the RPC at " + s.rpcUrl() + " serves chain 31337, dev.json says 1", e.getMessage());
    }
}
