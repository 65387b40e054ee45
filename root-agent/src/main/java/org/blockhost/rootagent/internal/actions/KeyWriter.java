package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.path.Confinement;
import org.blockhost.rootagent.internal.path.SmallFiles;

/**
 * key-write: {@code <keys dir>/<name>.key}, owner root (when running as root), group = the agent's
 * group, mode 0640. Keys are write-once: an existing key is never replaced, whatever
 * {@code overwrite} says (the host key owns the contracts; rotating it is a manual root operation).
 * The keys directory is opened without following symlinks on any component (and, in the daemon,
 * must be root-owned and not group/other-writable, like its ancestors); the key is written to a
 * fresh temporary file there and linked into place. The content never goes on a command line or
 * into a log.
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
        Path dir = ctx.config().keysDir().toAbsolutePath().normalize();
        Confinement keys = ctx.config().confinement(Confinement.Root.KEYS);
        byte[] content = args.str("content").getBytes(StandardCharsets.UTF_8);
        try (SecureDirectoryStream<Path> ds = open(keys, dir)) {
            write(ds, dir, Path.of(name + ".key"), content, ctx.config().group());
        } catch (IOException e) {
            throw ActionException.failed("could not write key '" + name + "': " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        return Map.of("path", dir.resolve(name + ".key").toString());
    }

    /** The keys directory, created (0750) if missing; a symlink or unsafe directory on the way is refused. */
    private static SecureDirectoryStream<Path> open(Confinement keys, Path dir) throws ActionException {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                // its nearest existing ancestor was checked by the dispatcher just before
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            }
            return keys.openRoot();
        } catch (IOException e) {
            throw ActionException.rejected("keys directory refused: " + e.getMessage());
        }
    }

    private static void write(SecureDirectoryStream<Path> ds, Path dir, Path key, byte[] content, String group)
            throws IOException, ActionException {
        if (exists(ds, key)) {
            throw ActionException.rejected("key '" + key + "' exists; keys are write-once and never replaced");
        }
        Path tmp = Path.of("." + key + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            SmallFiles.writeNew(ds, tmp, content);
            setOwnership(ds.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS), dir, group);
            // link(2) fails if the target appeared meanwhile: never a replacement, still atomic
            try {
                Files.createLink(dir.resolve(key), dir.resolve(tmp));
            } catch (FileAlreadyExistsException e) {
                throw ActionException.rejected("key '" + key + "' exists; keys are write-once and never replaced");
            }
        } finally {
            try {
                ds.deleteFile(tmp);
            } catch (NoSuchFileException e) {
                // not created
            }
        }
    }

    private static boolean exists(SecureDirectoryStream<Path> ds, Path key) throws IOException {
        try {
            ds.getFileAttributeView(key, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void setOwnership(PosixFileAttributeView view, Path dir, String group) throws IOException {
        try {
            GroupPrincipal g = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            view.setGroup(g);
        } catch (IOException e) {
            // dev mode: the group may not exist or may not be ours to give; the file stays 0600
            return;
        }
        view.setPermissions(PosixFilePermissions.fromString("rw-r-----"));
    }
}
