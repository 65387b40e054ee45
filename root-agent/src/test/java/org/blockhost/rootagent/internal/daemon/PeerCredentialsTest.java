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
 * file itself is world-writable; the same uid with the agent's group as gid is served.
 */
class PeerCredentialsTest {
    /** A minimal client in Python (nobody cannot read the Maven repository under /root). */
    static final String CLIENT = "import socket,struct,sys\n"
            + "s=socket.socket(socket.AF_UNIX);s.connect(sys.argv[1])\n"
            + "b=b'{\"action\":\"ping\",\"params\":{}}';s.sendall(struct.pack('>I',len(b))+b)\n"
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
        List<String> out = new ArrayList<>();
        TestSupport.run(out, "setpriv", "--reuid=nobody", "--regid=" + gid, "--clear-groups", "/usr/bin/python3", "-c",
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
            String ok = as("daemon");
            assertTrue(ok.contains("\"ok\":true"), "gid = agent group is allowed: " + ok);
        } finally {
            TestSupport.run(null, "chmod", "0660", sock.toString());
        }
    }
}
