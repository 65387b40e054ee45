package org.blockhost.test.scripted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only text file of whole lines, each write forced to disk. A line cut short by a kill
 * (no trailing newline) is dropped when the file is opened, so the file stays line-structured.
 */
final class AppendFile implements AutoCloseable {
    private final FileChannel channel;
    private final List<String> initial;

    AppendFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n') + 1;
            if (end < text.length()) {
                channel.truncate(text.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
                channel.force(true);
            }
            initial = new ArrayList<>();
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    initial.add(line);
                }
            }
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** The complete lines the file held when it was opened. */
    List<String> initialLines() {
        return initial;
    }

    /** Appends one line and forces it to disk before returning. */
    synchronized void append(String line) {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the scripted ledger", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
