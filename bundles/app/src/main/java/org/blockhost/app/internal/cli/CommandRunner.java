package org.blockhost.app.internal.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.blockhost.platform.api.CommandRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one CLI request for a peer. Arguments reach Gogo as session variables ({@code $a1 $a2 ...}),
 * so no argument is ever re-parsed as Gogo syntax; the command name must be a known
 * {@code blockhost} function and the peer must hold the role it declares ({@link CommandGate}).
 */
final class CommandRunner {
    /** Session variable holding the client's working directory (commands resolve relative paths). */
    static final String CWD = "blockhost.cwd";
    /** Session variable holding the peer's uid (a Long) from SO_PEERCRED. */
    static final String PEER_UID = "blockhost.peer.uid";
    /** Exit code of a refused call (as for usage errors). */
    static final int REFUSED = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final CommandProcessor processor;
    private final Commands catalog;
    private final CommandGate gate;

    CommandRunner(CommandProcessor processor, Commands catalog, CommandGate gate) {
        this.processor = processor;
        this.catalog = catalog;
        this.gate = gate;
    }

    /** Serves one connection; {@code requestRead} runs once the whole request has arrived. */
    void serve(SocketChannel client, Peer peer, Runnable requestRead) {
        try (client) {
            List<String> request = CliProtocol.readRequest(new DataInputStream(
                    new BufferedInputStream(Channels.newInputStream(client))));
            requestRead.run();
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            CliProtocol.writeExit(out, execute(peer, request.get(0), request.subList(1, request.size()), out));
        } catch (IOException e) {
            LOG.debug("CLI client dropped: {}", e.getMessage());
        }
    }

    private int execute(Peer peer, String cwd, List<String> args, DataOutputStream wire) throws IOException {
        PrintStream out = new PrintStream(new FrameStream(wire, CliProtocol.OUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameStream(wire, CliProtocol.ERR), true, StandardCharsets.UTF_8);
        String name = args.isEmpty() ? "" : args.get(0);
        boolean help = "help".equals(name);
        if (!help && (!NAME.matcher(name).matches() || !catalog.names().contains(name))) {
            err.println(name.isEmpty() ? "blockhost: no command given" : "blockhost: unknown command '" + name + "'");
            err.println("runtime commands: " + String.join(", ", catalog.names()));
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        String required = help ? CommandRoles.READ : catalog.rules().required(name, rest);
        String refusal = gate.refusal(peer, name, rest, required);
        if (refusal != null) {
            err.println("blockhost: " + refusal);
            return REFUSED;
        }
        if (help) {
            out.println("runtime commands: " + String.join(", ", catalog.names()));
            return 0;
        }
        return session(peer, cwd, args, out, err);
    }

    private int session(Peer peer, String cwd, List<String> args, PrintStream out, PrintStream err) {
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err)) {
            session.put(CWD, cwd);
            session.put(PEER_UID, peer.uid());
            StringBuilder line = new StringBuilder(CommandCatalog.SCOPE).append(':').append(args.get(0));
            for (int i = 1; i < args.size(); i++) {
                session.put("a" + i, args.get(i));
                line.append(" $a").append(i);
            }
            return run(session, line.toString(), out, err);
        }
    }

    private static int run(CommandSession session, String line, PrintStream out, PrintStream err) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("blockhost: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.warn("command '{}' failed", line, e);
            err.println("blockhost: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
    }

    /** An output stream writing protocol frames of one type. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream wire;
        private final byte type;

        FrameStream(DataOutputStream wire, byte type) {
            this.wire = wire;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (wire) {
                CliProtocol.writeFrame(wire, type, b, off, len);
            }
        }
    }
}
