package org.blockhost.rootagent.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer credentials for real: a client running as {@code nobody} is refused even when the socket
 * file itself is world-writable; so is an operator in the agent's group (M1); the configured
 * user ({@code --user daemon}) is served.
 */
class PeerCredentialsTest {
    /** A minimal client in Python (nobody cannot read the Maven repository under /root). */
    static final String CLIENT = "import socket,struct,sys\n"
            + "s=socket.socket(socket.AF_UNIX);s.connect(sys.argv[1])\n"
            + "b=b'{\"action\":\"ping\",\"params\":{}}'\n"
            + "try: s.sendall(struct.pack('>I',len(b))+b)\n"
            + "except BrokenPipeError: pass\n"
            + "h=s.recv(4);n=struct.unpack('>I',h)[0];d=b''\n"
            + "while len(d)<n: d+=s.recv(n-len(d))\n"
            + "print(d.decode())\n";

    @TempDir
    static Path dir;
    static Daemon daemon;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("util-linux", "python3-minimal");
        assumeTrue(TestSupport.has("setpriv") && Files.isExecutable(Path.of("/usr/bin/python3")), "needs setpriv and python3");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        daemon = TestSupport.startInJvm(dir);
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String as(String gid) throws Exception {
        return as("nobody", gid);
    }

    static String as(String uid, String gid) throws Exception {
        List<String> out = new ArrayList<>();
        TestSupport.run(out, "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "/usr/bin/python3", "-c",
                CLIENT, sock.toString());
        return out.get(0);
    }

    @Test
    void socketIsGroupOnly() throws Exception {
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        assertEquals("daemon", Files.getAttribute(sock, "posix:group").toString());
        String out = as("nogroup");
        assertTrue(out.contains("Permission denied"), out);
    }

    @Test
    void unauthorizedUserIsRefusedByPeerCredentials() throws Exception {
        TestSupport.run(null, "chmod", "0666", sock.toString());
        try {
            String out = as("nogroup");
            assertTrue(out.contains("\"kind\":\"rejected\"") && out.contains("caller not allowed (uid 65534)"), out);
            String audit = Files.readString(dir.resolve("state/audit.log"));
            assertTrue(audit.contains("action=<connect> uid=65534") && audit.contains("refused"), audit);
            String operator = as("daemon");
            assertTrue(operator.contains("caller not allowed (uid 65534)"), "group membership grants nothing: " + operator);
            String ok = as("daemon", "nogroup");
            assertTrue(ok.contains("\"ok\":true"), "the configured user is allowed: " + ok);
        } finally {
            TestSupport.run(null, "chmod", "0660", sock.toString());
        }
    }
}
