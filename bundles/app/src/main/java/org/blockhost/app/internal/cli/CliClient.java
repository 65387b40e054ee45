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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's client for runtime commands: {@code CliClient SOCKET ARG...}. Sends the
 * arguments to the runtime, copies its output and exits with the command's code. Exit code 2
 * with a clear message when no runtime is listening. Depends on the JDK only.
 * <p>{@code setup --answers FILE} is sent as {@code setup --answers-content FILE TEXT}: the client
 * reads the file with the caller's own permissions, so the runtime never opens a path it is given.
 */
public final class CliClient {

    /** The largest answers file sent (a request string holds at most 64 KiB). */
    static final int MAX_ANSWERS_BYTES = 60 * 1024;

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

    static int run(Path socket, List<String> given, PrintStream out, PrintStream err) {
        List<String> args;
        try {
            args = withAnswersText(given, Path.of(System.getProperty("user.dir")));
        } catch (IOException e) {
            err.println("blockhost: " + e.getMessage());
            return 2;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.exists(socket) && String.valueOf(e.getMessage()).contains("ermission denied")) {
                err.println("blockhost: permission denied on " + socket + ": operators must be in the socket's group");
            } else {
                err.println("blockhost: no runtime is running (cannot connect to " + socket + ")."
                        + " Start it with 'blockhost dev' or 'blockhost run'.");
            }
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

    /** Replaces {@code setup --answers FILE} by {@code setup --answers-content FILE TEXT}; other calls are unchanged. */
    static List<String> withAnswersText(List<String> args, Path cwd) throws IOException {
        if (args.size() != 3 || !"setup".equals(args.get(0)) || !"--answers".equals(args.get(1))) {
            return args;
        }
        Path file = cwd.resolve(args.get(2)).normalize();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_ANSWERS_BYTES) {
                throw new IOException("not a regular file of at most " + MAX_ANSWERS_BYTES + " bytes");
            }
            return List.of("setup", "--answers-content", file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot read answers file " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
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
