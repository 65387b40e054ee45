package org.blockhost.app.internal.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator CLI's wire format on the runtime's Unix socket. No JSON, so the launcher's client
 * needs no parser and the server's reader is a few bounded reads.
 *
 * <pre>
 * request  = "BHC1" count:int32 (string){count}   ; strings: cwd, then the command's arguments
 * string   = length:int32 utf8-bytes
 * response = frame* exit-frame
 * frame    = 'O' length:int32 bytes                ; standard output chunk
 *          | 'E' length:int32 bytes                ; standard error chunk
 * exit     = 'X' code:int32
 * </pre>
 */
public final class CliProtocol {
    static final int MAGIC = 0x42484331; // "BHC1"
    static final int MAX_STRINGS = 256;
    static final int MAX_STRING_BYTES = 64 * 1024;
    static final int MAX_FRAME_BYTES = 1024 * 1024;
    public static final byte OUT = 'O';
    public static final byte ERR = 'E';
    public static final byte EXIT = 'X';

    private CliProtocol() {
    }

    /** Writes a request: the working directory followed by the arguments. */
    public static void writeRequest(DataOutputStream out, String cwd, List<String> args) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(args.size() + 1);
        writeString(out, cwd);
        for (String arg : args) {
            writeString(out, arg);
        }
        out.flush();
    }

    /** Reads a request; the first element is the client's working directory. */
    public static List<String> readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a BlockHost CLI request");
        }
        int count = in.readInt();
        if (count < 1 || count > MAX_STRINGS) {
            throw new IOException("bad argument count " + count);
        }
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    /** Writes one output or error chunk. */
    public static void writeFrame(DataOutputStream out, byte type, byte[] data, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(data, off, len);
        out.flush();
    }

    /** Writes the final frame with the exit code. */
    public static void writeExit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(code);
        out.flush();
    }

    /** Reads a frame's length and checks it. */
    public static int readLength(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_FRAME_BYTES) {
            throw new IOException("bad frame length " + len);
        }
        return len;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IOException("argument longer than " + MAX_STRING_BYTES + " bytes");
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_STRING_BYTES) {
            throw new IOException("bad string length " + len);
        }
        byte[] bytes = new byte[len];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException("truncated request", e);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
