package org.blockhost.app.internal.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's client for runtime commands: {@code CliClient SOCKET ARG...}. Sends the
 * arguments to the runtime, copies its output and exits with the command's code. Exit code 2
 * with a clear message when no runtime is listening. Depends on the JDK only.
 */
public final class CliClient {

    private CliClient() {
    }

    public static void main(String[] argv) {
        if (argv.length < 2) {
            System.err.println("usage: CliClient SOCKET COMMAND [ARGS...]");
            System.exit(2);
        }
        Path socket = Path.of(argv[0]);
        List<String> args = Arrays.asList(argv).subList(1, argv.length);
        System.exit(run(socket, args, System.out, System.err));
    }

    static int run(Path socket, List<String> args, PrintStream out, PrintStream err) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            err.println("blockhost: no runtime is running (cannot connect to " + socket + ")."
                    + " Start it with 'blockhost dev' or 'blockhost run'.");
            return 2;
        }
        try (channel) {
            DataOutputStream request = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            CliProtocol.writeRequest(request, System.getProperty("user.dir"), args);
            return copyResponse(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))), out, err);
        } catch (EOFException e) {
            err.println("blockhost: the runtime closed the connection before the command finished");
            return 1;
        } catch (IOException e) {
            err.println("blockhost: talking to the runtime failed: " + e.getMessage());
            return 1;
        }
    }

    private static int copyResponse(DataInputStream in, PrintStream out, PrintStream err) throws IOException {
        while (true) {
            byte type = in.readByte();
            if (type == CliProtocol.EXIT) {
                out.flush();
                return in.readInt();
            }
            byte[] data = new byte[CliProtocol.readLength(in)];
            in.readFully(data);
            PrintStream target = type == CliProtocol.ERR ? err : out;
            if (type != CliProtocol.ERR && type != CliProtocol.OUT) {
                throw new IOException("unknown frame type " + type);
            }
            target.write(data, 0, data.length);
            target.flush();
        }
    }
}
