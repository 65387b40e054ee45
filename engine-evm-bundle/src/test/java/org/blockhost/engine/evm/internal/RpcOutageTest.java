package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.key;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** RPC outage: anvil stops (dumping its state) and comes back from that state; the watcher resumes. */
class RpcOutageTest {
    @TempDir
    Path dir;

    @Test
    void watcherResumesAfterTheNodeComesBackFromItsDumpedState() throws Exception {
        Path state = dir.resolve("anvil-state.json");
        Anvil first = Anvil.start("--dump-state", state.toString());
        int port = first.port();
        TestChain chain = new TestChain(first);
        TestChain.Deployment d = chain.deployForSale();
        chain.tx(chain.sender(1), d.subscriptions(), "buySubscription", u(1), u(1), key(2, 33));

        // the watcher keeps one client across the outage, as the engine does
        Web3j client = Web3j.build(new HttpService("http://127.0.0.1:" + port));
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = new ChainWatcher("evm", ChainReader.of(client), sink, d.subscriptions(), d.credential(),
                new ChainWatcher.Settings(0, 0, 1000, 16));
        while (watcher.poll()) {
            // catch up
        }
        assertEquals(1, created(sink));

        first.close();
        assertTrue(Files.size(state) > 0, "anvil dumped its state on exit");
        assertThrows(ChainUnavailableException.class, watcher::poll, "an outage is 'unavailable', nothing else");
        int commits = sink.commits;

        try (Anvil second = Anvil.startOn(port, "--load-state", state.toString())) {
            TestChain again = new TestChain(second);
            again.tx(again.sender(1), d.subscriptions(), "buySubscription", u(1), u(2), key(3, 33));
            while (watcher.poll()) {
                // resume
            }
            assertTrue(sink.commits > commits);
            assertEquals(2, created(sink), "nothing lost, nothing duplicated");
            assertEquals(List.of(), sink.reorgs);
        } finally {
            client.shutdown();
        }
    }

    private static long created(MemorySink sink) {
        return sink.events.stream().filter(e -> e instanceof ChainEvent.SubscriptionCreated).count();
    }
}
