package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;

/**
 * key-write: {@code <keys dir>/<name>.key}, owner root (when running as root), group = the agent's
 * group, mode 0640, written to a fresh temporary file in the same directory and renamed into
 * place. The content never goes on a command line or into a log.
 */
public final class KeyWriter {
    /** Names the runtime may never write. */
    public static final Set<String> RESERVED = Set.of("root", "root-agent", "blockhost", "default", "all", "none");

    private KeyWriter() {
    }

    public static Map<String, Object> write(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        if (RESERVED.contains(name)) {
            throw ActionException.rejected("parameter 'name': '" + name + "' is reserved");
        }
        Path dir = ctx.config().keysDir();
        Path target = dir.resolve(name + ".key");
        boolean overwrite = args.bool("overwrite");
        byte[] content = args.str("content").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(dir);
            if (Files.isSymbolicLink(target)) {
                throw ActionException.rejected("key '" + name + "' is a symbolic link");
            }
            if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw ActionException.rejected("key '" + name + "' exists (set overwrite to replace it)");
            }
            writeAtomically(dir, target, content, ctx.config().group(), overwrite);
        } catch (IOException e) {
            throw ActionException.failed("could not write key '" + name + "': " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        return Map.of("path", target.toString());
    }

    private static void writeAtomically(Path dir, Path target, byte[] content, String group, boolean overwrite)
            throws IOException, ActionException {
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            setOwnership(tmp, group);
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // link(2) fails if the target appeared meanwhile: no overwrite, still atomic
                try {
                    Files.createLink(target, tmp);
                } catch (FileAlreadyExistsException e) {
                    throw ActionException.rejected("key exists (set overwrite to replace it)");
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void setOwnership(Path p, String group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            GroupPrincipal g = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            view.setGroup(g);
        } catch (IOException e) {
            // dev mode: the group may not exist or may not be ours to give; the file stays 0600
            return;
        }
        view.setPermissions(PosixFilePermissions.fromString("rw-r-----"));
    }
}
