package org.blockhost.rootagent.internal.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionSpec;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.protocol.Frames;
import org.blockhost.rootagent.internal.protocol.Wire;

/**
 * Frame decoding + JSON + parameter validation on arbitrary bytes. Only refusals
 * ({@link Frames.FrameException}, {@link ActionException}) are allowed; accepted non-secret values
 * must never contain control or shell characters. Nothing is executed.
 * Regression inputs: src/test/resources/org/blockhost/rootagent/internal/fuzz/FrameFuzzTestInputs/fuzz/.
 */
class FrameFuzzTest {
    private static final AgentConfig CONFIG = config();

    private static AgentConfig config() {
        try {
            Path d = Files.createTempDirectory("ra-fuzz");
            return new AgentConfig(d, d, d, d, "blockhost", "test:///default", IpPrefix.parse("fd00::/64"), "blockhost",
                    true, Duration.ofSeconds(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) throws IOException {
        byte[] payload;
        try {
            payload = Frames.read(new ByteArrayInputStream(input));
        } catch (Frames.FrameException | java.io.EOFException e) {
            return;
        }
        if (payload == null) {
            return;
        }
        try {
            Wire.Request req = Wire.parseRequest(payload);
            ActionSpec spec = ActionTable.get(req.action());
            if (spec == null) {
                return;
            }
            Args args = spec.validate((ObjectNode) req.params(), CONFIG);
            check(spec, args);
            Wire.ok(Map.of("validated", spec.name()));
        } catch (ActionException e) {
            Wire.error(e.kind(), e.getMessage());
        }
    }

    private static void check(ActionSpec spec, Args args) {
        for (Map.Entry<String, Object> e : args.loggable().entrySet()) {
            String v = String.valueOf(e.getValue());
            for (char c : v.toCharArray()) {
                if (c < 0x20 || c == ';' || c == '$' || c == '`' || c == '|' || c == '&' || c == '\'' || c == '"') {
                    throw new IllegalStateException(spec.name() + "." + e.getKey() + " accepted a dangerous character");
                }
            }
        }
    }
}
