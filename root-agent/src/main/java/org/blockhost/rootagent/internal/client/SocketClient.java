package org.blockhost.rootagent.internal.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.api.RootAgentException.Kind;
import org.blockhost.rootagent.internal.protocol.Frames;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The RootAgent client for the daemon: one connection per call, connect and read timeouts. */
public final class SocketClient implements RootAgent {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /**
     * template-build runs debootstrap (minutes; on a slow host hours): its answer is awaited this long instead of
     * readTimeout. The agent ends the build at its unit's limit (45 min as packaged, at most 24 h: the root side
     * decides how long a root build may run) and then answers; this only outlasts that.
     */
    static final Duration TEMPLATE_BUILD_TIMEOUT = Duration.ofHours(24).plusMinutes(5);

    private final Path socket;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public SocketClient(Path socket, Duration connectTimeout, Duration readTimeout) {
        this.socket = socket;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
        byte[] request;
        try {
            request = Wire.request(action, params);
        } catch (IOException | IllegalArgumentException e) {
            throw new RootAgentException(Kind.REJECTED, "parameters cannot be encoded: " + e.getMessage());
        }
        if (request.length > Frames.MAX_FRAME) {
            throw new RootAgentException(Kind.REJECTED, "request larger than " + Frames.MAX_FRAME + " bytes");
        }
        Duration timeout = "template-build".equals(action) && readTimeout.compareTo(TEMPLATE_BUILD_TIMEOUT) < 0
                ? TEMPLATE_BUILD_TIMEOUT : readTimeout;
        return decode(exchange(request, timeout));
    }

    private byte[] exchange(byte[] request, Duration timeout) throws RootAgentException {
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(socket), (int) connectTimeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            try {
                Frames.write(s.getOutputStream(), request);
            } catch (IOException e) {
                // the agent may have answered (busy, refused) and closed before reading: read that
                s.setSoTimeout(1000);
            }
            byte[] response = Frames.read(s.getInputStream());
            if (response == null) {
                throw new RootAgentException(Kind.UNAVAILABLE, "root agent closed the connection without answering");
            }
            return response;
        } catch (SocketTimeoutException e) {
            throw new RootAgentException(Kind.UNAVAILABLE, "root agent did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new RootAgentException(Kind.UNAVAILABLE, "root agent unreachable at " + socket + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> decode(byte[] response) throws RootAgentException {
        JsonNode n;
        try {
            n = Wire.JSON.readTree(response);
        } catch (IOException e) {
            throw new RootAgentException(Kind.UNAVAILABLE, "root agent sent invalid JSON");
        }
        if (n.path("ok").asBoolean(false)) {
            Map<String, Object> r = Wire.JSON.convertValue(n.path("result"), MAP);
            return r == null ? Map.of() : Collections.unmodifiableMap(r);
        }
        String kind = n.path("kind").asText("failed");
        String error = n.path("error").asText("unknown error");
        throw new RootAgentException(kindOf(kind), error);
    }

    private static Kind kindOf(String k) {
        return switch (k) {
            case "rejected" -> Kind.REJECTED;
            case "unavailable" -> Kind.UNAVAILABLE;
            default -> Kind.FAILED;
        };
    }
}
