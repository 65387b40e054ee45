package org.blockhost.engine.opnet.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test code (in the test-jar with {@link RpcFixture}): reads an OPNet interaction transaction back, independently of
 * the SDK that built it. A segwit transaction whose first input's witness ends with the tapscript leaf and the control
 * block; the leaf's data pushes between its last {@code OP_1NEGATE} and the next {@code OP_ELSE} are the gzipped
 * calldata (the SDK's interaction script layout, as the sidecar's {@code decode.mjs} reads it).
 */
public final class RpcFixtureInteraction {
    private static final int OP_PUSHDATA1 = 0x4c;
    private static final int OP_PUSHDATA2 = 0x4d;
    private static final int OP_PUSHDATA4 = 0x4e;
    private static final int OP_1NEGATE = 0x4f;
    private static final int OP_ELSE = 0x67;

    private RpcFixtureInteraction() {
    }

    /** The calldata the interaction carries (gunzipped; the SDK puts its features before the simulated calldata). */
    public static byte[] calldata(byte[] tx) throws IOException {
        List<Object> chunks = chunks(leaf(tx));
        int start = -1;
        for (int i = 0; i < chunks.size(); i++) {
            if (Integer.valueOf(OP_1NEGATE).equals(chunks.get(i))) {
                start = i;
            }
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        for (int i = start + 1; start >= 0 && i < chunks.size() && !Integer.valueOf(OP_ELSE).equals(chunks.get(i)); i++) {
            if (!(chunks.get(i) instanceof byte[] data)) {
                throw new IOException("an opcode inside the calldata pushes");
            }
            gz.write(data);
        }
        if (start < 0 || gz.size() == 0) {
            throw new IOException("no calldata in the interaction's tapscript");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray()))) {
            return in.readNBytes(1 << 20);
        }
    }

    /** The second-to-last witness item of input 0 (the tapscript leaf). */
    static byte[] leaf(byte[] raw) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        b.getInt(); // version
        if (b.get() != 0 || b.get() != 1) {
            throw new IOException("not a segwit transaction");
        }
        long inputs = varint(b);
        for (long i = 0; i < inputs; i++) {
            b.position(b.position() + 36);
            skip(b, varint(b));
            b.getInt();
        }
        long outputs = varint(b);
        for (long i = 0; i < outputs; i++) {
            b.getLong();
            skip(b, varint(b));
        }
        List<byte[]> witness = new ArrayList<>();
        for (long n = varint(b), i = 0; i < n; i++) {
            byte[] item = new byte[(int) varint(b)];
            b.get(item);
            witness.add(item);
        }
        if (witness.size() < 2) {
            throw new IOException("input 0 is not a script-path spend");
        }
        return witness.get(witness.size() - 2);
    }

    /** Script chunks: byte[] for data pushes, Integer for other opcodes. */
    static List<Object> chunks(byte[] script) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(script).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int op = b.get() & 0xff;
            int length = op >= 1 && op < OP_PUSHDATA1 ? op : op == OP_PUSHDATA1 ? b.get() & 0xff
                    : op == OP_PUSHDATA2 ? b.getShort() & 0xffff : op == OP_PUSHDATA4 ? b.getInt() : -1;
            if (length < 0) {
                out.add(op);
                continue;
            }
            if (length > b.remaining()) {
                throw new IOException("a push past the end of the script");
            }
            byte[] data = new byte[length];
            b.get(data);
            out.add(data);
        }
        return out;
    }

    private static long varint(ByteBuffer b) {
        int first = b.get() & 0xff;
        return first < 0xfd ? first : first == 0xfd ? b.getShort() & 0xffff : first == 0xfe ? b.getInt() & 0xffffffffL : b.getLong();
    }

    private static void skip(ByteBuffer b, long n) {
        b.position(b.position() + (int) n);
    }
}
