package org.blockhost.rootagent.internal.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.api.RootAgentException;

/**
 * One call to the running agent from a root shell script (the ISO's first boot):
 * {@code java -cp org.blockhost.rootagent.jar org.blockhost.rootagent.internal.client.Call
 * [--socket PATH] ACTION 'PARAMS-JSON'}. Prints the result as JSON; exit 0 on success, 1 when the
 * action failed or was refused (the agent's message on stderr), 2 on bad usage. The agent validates
 * everything as for any other caller.
 */
public final class Call {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Call() {
    }

    public static void main(String[] argv) {
        int i = 0;
        Path socket = Path.of("/run/blockhost/root-agent.sock");
        if (argv.length > 1 && argv[0].equals("--socket")) {
            socket = Path.of(argv[1]);
            i = 2;
        }
        if (argv.length - i != 2) {
            System.err.println("usage: Call [--socket PATH] ACTION PARAMS-JSON");
            System.exit(2);
        }
        Map<String, Object> params;
        try {
            params = JSON.readValue(argv[i + 1], new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            System.err.println("PARAMS-JSON is not a JSON object");
            System.exit(2);
            return;
        }
        try {
            Map<String, Object> r = new SocketClient(socket, Duration.ofSeconds(2), Duration.ofMinutes(5)).call(argv[i], params);
            System.out.println(JSON.writeValueAsString(r));
        } catch (RootAgentException | java.io.IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
