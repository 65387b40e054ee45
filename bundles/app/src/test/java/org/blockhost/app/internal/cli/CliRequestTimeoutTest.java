package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * The CLI socket on a real Unix socket: clients that connect and send nothing (or only part of a
 * request) are disconnected after the request timeout, so they cannot occupy every worker and
 * lock the operators out.
 */
class CliRequestTimeoutTest {
    @TempDir
    Path tmp;
    private CliEndpoint endpoint;
    private final List<AFUNIXSocketChannel> silent = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AFUNIXSocketChannel c : silent) {
            c.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void silentClientsAreCutOffAndCannotHoldEveryWorker() throws Exception {
        long me = CliServer.runtimeUid();
        RoleTable roles = new RoleTable(List.of(), List.of(), List.of(), List.of(), me);
        Commands commands = new Commands() {
            @Override
            public Set<String> names() {
                return new TreeSet<>();
            }

            @Override
            public CommandRules rules() {
                return new CommandRules();
            }
        };
        Path socket = tmp.resolve("blockhost.sock");
        endpoint = new CliEndpoint(socket, "", new CommandRunner(new CommandProcessorImpl(), commands,
                new CommandGate(() -> roles, () -> null)), new UnixAccounts(), Duration.ofMillis(500));
        for (int i = 0; i < 6; i++) { // more than the 4 workers; one of them sends half a request
            AFUNIXSocketChannel c = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(socket));
            if (i == 0) {
                c.write(ByteBuffer.wrap(new byte[] {0x42, 0x48}));
            }
            silent.add(c);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (AFUNIXSocketChannel c = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(socket))) {
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                CliProtocol.writeRequest(out, "/", List.of("help"));
                DataInputStream in = new DataInputStream(Channels.newInputStream(c));
                byte type;
                while ((type = in.readByte()) != CliProtocol.EXIT) {
                    in.readFully(new byte[CliProtocol.readLength(in)]);
                    assertTrue(type == CliProtocol.OUT || type == CliProtocol.ERR);
                }
                assertEquals(0, in.readInt(), "help answered although silent clients connected first");
            }
            for (AFUNIXSocketChannel c : silent) {
                assertEquals(-1, c.read(ByteBuffer.allocate(16)), "the silent client was disconnected");
            }
        }, "a silent client holds a CLI worker");
    }
}
