package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.key;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.plain;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.values;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.blockhost.engine.evm.internal.TestChain.log;
import static org.blockhost.engine.evm.internal.TestChain.topic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** AccessCredential and the test stablecoin on anvil: every function, revert and event. */
class CredentialContractTest {
    static final String NONEXISTENT = "ERC721NonexistentToken(uint256)";
    static Anvil anvil;
    static TestChain chain;
    TxSender owner;
    TxSender holder;
    String c;
    TestChain.Deployment d;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    @BeforeEach
    void deploy() throws Exception {
        owner = chain.sender(0);
        holder = chain.sender(1);
        d = chain.deployAll();
        c = d.credential();
        chain.setUpPlan(d, 100);
        chain.fund(d, 1);
        chain.buy(d, 1, 3); // subscriptions 1..3, subscriber account 1
    }

    static DynamicBytes blob(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7);
        }
        return new DynamicBytes(b);
    }

    private TransactionReceipt mint(int to, long subscriptionId, int credentialLength) throws Exception {
        return chain.tx(owner, c, "mint", new Address(address(to)), u(subscriptionId), blob(credentialLength));
    }

    private String ownerOf(long tokenId) throws Exception {
        return (String) chain.call(c, "ownerOf", List.of(new TypeReference<Address>() { }), u(tokenId)).get(0).getValue();
    }

    private Object tokenOfSubscription(long id) throws Exception {
        return plain(chain.call(c, "tokenOfSubscription", List.of(new TypeReference<Bool>() { },
                new TypeReference<Uint256>() { }), u(id)));
    }

    private byte[] bytes(String function, long tokenId) throws Exception {
        return (byte[]) chain.call(c, function, List.of(new TypeReference<DynamicBytes>() { }), u(tokenId)).get(0)
                .getValue();
    }

    @Test
    void metadataAndInitialState() throws Exception {
        assertEquals("BlockHost Access", chain.call(c, "name", List.of(new TypeReference<Utf8String>() { })).get(0)
                .getValue());
        assertEquals("BHA", chain.call(c, "symbol", List.of(new TypeReference<Utf8String>() { })).get(0).getValue());
        assertEquals(address(0), chain.call(c, "owner", List.of(new TypeReference<Address>() { })).get(0).getValue());
        assertEquals(BigInteger.valueOf(1024), chain.callUint(c, "MAX_CREDENTIALS_LENGTH"));
        assertEquals(BigInteger.valueOf(33), chain.callUint(c, "ACCESS_KEY_LENGTH"));
        assertEquals(List.of(false, BigInteger.ZERO), tokenOfSubscription(0));
        // no enumeration; the fallback only answers a credential being stored
        for (String gone : new String[] {Abi.encode("totalSupply"),
                Abi.encode("tokenOfOwnerByIndex", new Address(address(1)), u(0)), "0x"}) {
            assertThrows(TransactionRevertedException.class, () -> chain.calls.call(address(0), c, gone,
                    DefaultBlockParameterName.LATEST), gone);
        }
    }

    @Test
    void mintAdminThenSubscriptionCredentials() throws Exception {
        TransactionReceipt r = mint(0, 0, 100);
        log(r, c, "CredentialMinted(uint256,uint256,address)", topic(0), topic(0), topic(address(0)));
        log(r, c, "Transfer(address,address,uint256)", topic(Address.DEFAULT.getValue()), topic(address(0)), topic(0));
        r = mint(1, 3, 1024);
        log(r, c, "CredentialMinted(uint256,uint256,address)", topic(3), topic(3), topic(address(1)));
        log(r, c, "Transfer(address,address,uint256)", topic(Address.DEFAULT.getValue()), topic(address(1)), topic(3));
        assertEquals(List.of(true, BigInteger.ZERO), tokenOfSubscription(0));
        assertEquals(List.of(true, BigInteger.valueOf(3)), tokenOfSubscription(3), "token id = subscription id");
        assertEquals(List.of(false, BigInteger.ZERO), tokenOfSubscription(2));
        assertEquals(BigInteger.valueOf(3), chain.callUint(c, "subscriptionOf", u(3)));
        assertArrayEquals(blob(1024).getValue(), bytes("getCredentials", 3));
        assertArrayEquals(blob(100).getValue(), bytes("getCredentials", 0));
        assertEquals(BigInteger.ONE, chain.callUint(c, "balanceOf", new Address(address(1))));
        assertEquals(address(1), ownerOf(3));
        assertEquals(address(0), ownerOf(0));
        assertEquals(0, bytes("getAccessKey", 3).length);
        mint(1, 1, 0);
        assertEquals(0, bytes("getCredentials", 1).length, "empty credentials are stored too");
        assertEquals(BigInteger.TWO, chain.callUint(c, "balanceOf", new Address(address(1))));
    }

    @Test
    void mintReverts() throws Exception {
        chain.assertRevert("NotOperator(address)", 1, c, "mint", new Address(address(1)), u(1), blob(1));
        chain.assertRevert("CredentialsTooLong(uint256)", 0, c, "mint", new Address(address(1)), u(1), blob(1025));
        chain.assertRevert("ERC721InvalidReceiver(address)", 0, c, "mint", new Address(Address.DEFAULT.getValue()), u(0),
                blob(1));
        mint(1, 2, 10);
        TransactionRevertedException e = chain.assertRevert("AlreadyMinted(uint256,uint256)", 0, c, "mint",
                new Address(address(2)), u(2), blob(1));
        assertEquals(List.of(BigInteger.TWO, BigInteger.TWO), values("0x" + e.data().substring(10),
                new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }));
        for (String f : new String[] {"getCredentials", "getAccessKey", "subscriptionOf"}) {
            chain.assertRevert(NONEXISTENT, 0, c, f, u(1));
        }
    }

    @Test
    void aSubscriptionsCredentialGoesOnlyToItsSubscriber() throws Exception {
        TransactionRevertedException e = chain.assertRevert("NotSubscriber(uint256,address)", 0, c, "mint",
                new Address(address(2)), u(1), blob(1));
        assertEquals(List.of(BigInteger.ONE, address(2)), values("0x" + e.data().substring(10),
                new TypeReference<Uint256>() { }, new TypeReference<Address>() { }));
        chain.assertRevert("SubscriptionNotFound(uint256)", 0, c, "mint", new Address(address(1)), u(4), blob(1));
        mint(2, 0, 10); // the admin credential (subscription 0) may go to any wallet
        mint(1, 1, 10);
        assertEquals(d.subscriptions().toLowerCase(), chain.call(c, "subscriptions",
                List.of(new TypeReference<Address>() { })).get(0).getValue());
    }

    @Test
    void onlyTheOwnerReplacesTheOperator() throws Exception {
        TestChain.Deployment cold = chain.deployAll(2); // owner: account 2, operator: account 0
        String cc = cold.credential();
        assertEquals(address(0), chain.call(cc, "operator", List.of(new TypeReference<Address>() { })).get(0).getValue());
        chain.assertRevert("NotOperator(address)", 2, cc, "mint", new Address(address(2)), u(0), blob(1));
        chain.assertRevert("OwnableUnauthorizedAccount(address)", 0, cc, "setOperator", new Address(address(3)));
        TransactionReceipt r = chain.tx(chain.sender(2), cc, "setOperator", new Address(address(3)));
        log(r, cc, "OperatorSet(address)", topic(address(3)));
        chain.assertRevert("NotOperator(address)", 0, cc, "mint", new Address(address(2)), u(0), blob(1));
        chain.tx(chain.sender(3), cc, "mint", new Address(address(2)), u(0), blob(1));
    }

    @Test
    void updateCredentials() throws Exception {
        mint(1, 3, 10);
        TransactionReceipt r = chain.tx(owner, c, "updateCredentials", u(3), blob(50));
        log(r, c, "CredentialsUpdated(uint256)", topic(3));
        assertArrayEquals(blob(50).getValue(), bytes("getCredentials", 3));
        chain.tx(owner, c, "updateCredentials", u(3), blob(7));
        assertArrayEquals(blob(7).getValue(), bytes("getCredentials", 3), "the latest update is read");
        chain.assertRevert("NotOperator(address)", 1, c, "updateCredentials", u(3), blob(1));
        chain.assertRevert("CredentialsTooLong(uint256)", 0, c, "updateCredentials", u(3), blob(1025));
        chain.assertRevert(NONEXISTENT, 0, c, "updateCredentials", u(1), blob(1));
    }

    @Test
    void setAccessKeyByTheTokenOwner() throws Exception {
        mint(1, 3, 10);
        TransactionReceipt r = chain.tx(holder, c, "setAccessKey", u(3), key(3, 33));
        Log rotated = log(r, c, "AccessKeyRotated(uint256,bytes)", topic(3));
        assertEquals(plain(List.of(key(3, 33))), values(rotated.getData(), new TypeReference<DynamicBytes>() { }));
        assertArrayEquals(key(3, 33).getValue(), bytes("getAccessKey", 3));
        chain.assertRevert("NotTokenOwner(uint256,address)", 0, c, "setAccessKey", u(3), key(2, 33));
        chain.assertRevert("InvalidAccessKey()", 1, c, "setAccessKey", u(3), key(2, 32));
        chain.assertRevert("InvalidAccessKey()", 1, c, "setAccessKey", u(3), key(5, 33));
        chain.assertRevert("InvalidAccessKey()", 1, c, "setAccessKey", u(3), SubscriptionsContractTest.offCurveKey());
        chain.assertRevert(NONEXISTENT, 1, c, "setAccessKey", u(9), key(2, 33));
        // after a transfer only the new owner may rotate
        r = chain.tx(holder, c, "transferFrom", new Address(address(1)), new Address(address(2)), u(3));
        log(r, c, "Transfer(address,address,uint256)", topic(address(1)), topic(address(2)), topic(3));
        chain.assertRevert("NotTokenOwner(uint256,address)", 1, c, "setAccessKey", u(3), key(2, 33));
        chain.tx(chain.sender(2), c, "setAccessKey", u(3), key(2, 33));
        assertArrayEquals(key(2, 33).getValue(), bytes("getAccessKey", 3));
    }

    /** A subscription's token belongs to its subscriber without a stored owner until its first transfer. */
    @Test
    void implicitOwnerUntilTheFirstTransfer() throws Exception {
        mint(1, 1, 10);
        mint(1, 2, 10);
        Address one = new Address(address(1));
        Address two = new Address(address(2));
        chain.assertRevert("ERC721InsufficientApproval(address,uint256)", 2, c, "transferFrom", one, two, u(1));
        chain.assertRevert("ERC721IncorrectOwner(address,uint256,address)", 1, c, "transferFrom", two, two, u(1));
        chain.tx(holder, c, "approve", two, u(1));
        assertEquals(address(2), chain.call(c, "getApproved", List.of(new TypeReference<Address>() { }), u(1)).get(0)
                .getValue());
        chain.tx(chain.sender(2), c, "transferFrom", one, two, u(1));
        assertEquals(address(2), ownerOf(1));
        assertEquals(address(1), ownerOf(2));
        assertEquals(Address.DEFAULT.getValue(), chain.call(c, "getApproved", List.of(new TypeReference<Address>() { }),
                u(1)).get(0).getValue(), "the approval is cleared by the transfer");
        assertEquals(BigInteger.ONE, chain.callUint(c, "balanceOf", one));
        assertEquals(BigInteger.ONE, chain.callUint(c, "balanceOf", two));
        chain.tx(chain.sender(2), c, "transferFrom", two, one, u(1));
        assertEquals(address(1), ownerOf(1));
        assertEquals(BigInteger.TWO, chain.callUint(c, "balanceOf", one));
        assertEquals(BigInteger.ZERO, chain.callUint(c, "balanceOf", two));
        assertArrayEquals(blob(10).getValue(), bytes("getCredentials", 1));
        chain.assertRevert(NONEXISTENT, 0, c, "ownerOf", u(3));
    }

    @Test
    void testStablecoinHasSixDecimalsAndOpenMint() throws Exception {
        String coin = chain.deploy(owner, ContractArtifacts.TEST_STABLECOIN); // fresh: no supply yet
        assertEquals(BigInteger.valueOf(6), chain.call(coin, "decimals", List.of(new TypeReference<Uint8>() { })).get(0)
                .getValue());
        assertEquals("TUSD", chain.call(coin, "symbol", List.of(new TypeReference<Utf8String>() { })).get(0).getValue());
        TransactionReceipt r = chain.tx(chain.sender(3), coin, "mint", new Address(address(2)), u(123));
        log(r, coin, "Transfer(address,address,uint256)", topic(Address.DEFAULT.getValue()), topic(address(2)));
        assertEquals(BigInteger.valueOf(123), chain.callUint(coin, "balanceOf", new Address(address(2))));
        assertEquals(BigInteger.valueOf(123), chain.callUint(coin, "totalSupply"));
    }
}
