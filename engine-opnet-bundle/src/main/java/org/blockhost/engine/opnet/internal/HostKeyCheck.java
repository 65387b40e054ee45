package org.blockhost.engine.opnet.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The OPNet host key file: the wallet's BIP-39 mnemonic, which only the write sidecar reads to sign (see the
 * README; never on a command line, in a log, in configuration or the store). Setup checks its form without
 * keeping or repeating it: a regular file (not a link), no permission for others, at most 1 KiB, and 12, 15,
 * 18, 21 or 24 lower-case words. The BIP-39 checksum is not checked here (that needs the word list the SDK
 * has); the sidecar's derivation refuses a bad one.
 */
final class HostKeyCheck {
    private static final Set<Integer> WORDS = Set.of(12, 15, 18, 21, 24);

    private HostKeyCheck() {
    }

    static Optional<String> problem(Path file) {
        byte[] content = null;
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Optional.of("the host key file is not a regular file (links are refused)");
            }
            if (a.permissions().stream().anyMatch(p -> p.name().startsWith("OTHERS_"))
                    || a.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
                return Optional.of("the host key file is open to others: make it 0600 or 0640 (root:blockhost)");
            }
            if (a.size() == 0 || a.size() > 1024) {
                return Optional.of("the host key file must hold the wallet's mnemonic (1 to 1024 bytes)");
            }
            content = Files.readAllBytes(file);
            return mnemonicProblem(content);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.of("the host key file does not exist");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("the host key file cannot be read by the runtime");
        } finally {
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    private static Optional<String> mnemonicProblem(byte[] content) {
        int words = 0;
        boolean inWord = false;
        for (byte b : content) {
            if (b >= 'a' && b <= 'z') {
                words += inWord ? 0 : 1;
                inWord = true;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                inWord = false;
            } else {
                return Optional.of("the host key file must hold only the mnemonic's lower-case words");
            }
        }
        return WORDS.contains(words) ? Optional.empty()
                : Optional.of("the host key file must hold a 12, 15, 18, 21 or 24 word mnemonic");
    }
}
