package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CliProtocolTest {

    private static byte[] request(String cwd, List<String> args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CliProtocol.writeRequest(new DataOutputStream(bytes), cwd, args);
        return bytes.toByteArray();
    }

    private static List<String> read(byte[] bytes) throws IOException {
        return CliProtocol.readRequest(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void roundTripsUnicodeAndShellMetacharacters() throws IOException {
        List<String> args = List.of("setup", "--answers", "a b;$(rm -rf /)\n'\"", "zürich ✓");
        assertEquals(List.of("/home/x", "setup", "--answers", "a b;$(rm -rf /)\n'\"", "zürich ✓"),
                read(request("/home/x", args)));
    }

    @Test
    void rejectsWrongMagicTruncationAndHugeCounts() throws IOException {
        byte[] good = request("/", List.of("status"));
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThrows(IOException.class, () -> read(badMagic));
        assertThrows(IOException.class, () -> read(Arrays.copyOf(good, good.length - 2)));
        byte[] hugeCount = good.clone();
        hugeCount[4] = 0x7f;
        assertThrows(IOException.class, () -> read(hugeCount));
        byte[] hugeString = good.clone();
        hugeString[8] = 0x7f;
        assertThrows(IOException.class, () -> read(hugeString));
    }

    @Test
    void framesCarryOutputAndExitCode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        CliProtocol.writeFrame(out, CliProtocol.OUT, "hi".getBytes(), 0, 2);
        CliProtocol.writeExit(out, 3);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(CliProtocol.OUT, in.readByte());
        assertEquals(2, CliProtocol.readLength(in));
        in.readFully(new byte[2]);
        assertEquals(CliProtocol.EXIT, in.readByte());
        assertEquals(3, in.readInt());
    }
}
