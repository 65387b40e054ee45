package org.blockhost.engine.evm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.web3j.protocol.http.HttpService;

/**
 * The engine's JSON-RPC transport: after every new connection (a reconnect, another node behind a
 * load balancer, a DNS change) it asks the node for its chain id again, and while that differs
 * from the configured one it sends nothing and every call fails. An answer that arrived over a
 * connection opened for it is only handed out once the chain id has been confirmed afterwards (a
 * transaction that reached another chain cannot be replayed there: it is signed for the configured
 * chain id, EIP-155). Every engine call (watcher, sender, reads) goes through it.
 *
 * <p>Threading: thread-safe; the check is serialized.
 */
final class ChainIdCheckedService extends HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAIN_ID_REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\",\"params\":[],\"id\":0}";

    private final long expected;
    private final AtomicLong connections;
    private long verifiedAt = -1;

    private ChainIdCheckedService(String url, OkHttpClient client, long expected, AtomicLong connections) {
        super(url, client);
        this.expected = expected;
        this.connections = connections;
    }

    /** A service over {@code base} (its settings kept) that counts the connections it opens. */
    static ChainIdCheckedService create(String url, OkHttpClient base, long expected) {
        AtomicLong connections = new AtomicLong();
        OkHttpClient client = base.newBuilder().eventListener(new EventListener() {
            @Override
            public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
                connections.incrementAndGet();
            }
        }).build();
        return new ChainIdCheckedService(url, client, expected, connections);
    }

    @Override
    protected InputStream performIO(String request) throws IOException {
        requireChain();
        long generation = connections.get();
        byte[] answer;
        try (InputStream in = super.performIO(request)) {
            answer = in.readAllBytes();
        }
        if (connections.get() != generation) {
            requireChain();
        }
        return new ByteArrayInputStream(answer);
    }

    private synchronized void requireChain() throws IOException {
        long generation = connections.get();
        if (generation == verifiedAt) {
            return;
        }
        BigInteger actual;
        try (InputStream in = super.performIO(CHAIN_ID_REQUEST)) {
            JsonNode result = JSON.readTree(in).path("result");
            actual = result.isTextual() ? new BigInteger(result.asText().replaceFirst("^0x", ""), 16) : null;
        } catch (NumberFormatException e) {
            actual = null;
        }
        if (actual == null || !actual.equals(BigInteger.valueOf(expected))) {
            verifiedAt = -1;
            throw new IOException("the RPC serves chain " + actual + ", configured " + expected
                    + "; refusing to use it until it serves the configured chain");
        }
        verifiedAt = generation;
    }
}
