package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The engine's FileInstall configuration {@code <config dir>/org.blockhost.engine.evm.cfg}
 * (properties format), written atomically: a hidden temp file (not matched by FileInstall's
 * {@code .*\.cfg} filter) in the same directory, created with mode 0640 (never wider, whatever the
 * umask), fsynced, then renamed over the target: the file is never readable by others, not even
 * for a moment.
 */
final class EngineConfigFile {
    static final String NAME = EvmEngine.PID + ".cfg";
    static final java.util.Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    private EngineConfigFile() {
    }

    static Path path(Path configDirectory) {
        return configDirectory.resolve(NAME);
    }

    static void write(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder("# written by the evm.engine-config finalization step\n");
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(MODE))) {
            ch.write(StandardCharsets.ISO_8859_1.encode(text.toString()));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when the file exists and holds every one of {@code values} (other keys are ignored). */
    static boolean holds(Path file, Map<String, String> values) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return values.entrySet().stream().allMatch(e -> e.getValue().equals(p.getProperty(e.getKey())));
    }

    /** Properties-format value escaping; everything outside printable ASCII as a unicode escape. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ' && i == 0) {
                out.append("\\ ");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
