import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Test-only TLS front for full-install.sh's phase "finalize": TLS on 127.0.0.1:LISTEN with the
 * run's server certificate (PKCS12, password from the environment FRONT_P12_PASS), every connection
 * relayed in plain TCP to 127.0.0.1:TARGET (anvil).
 * Usage: java TlsFront.java P12 LISTEN TARGET
 */
public final class TlsFront {
    public static void main(String[] args) throws Exception {
        char[] pass = System.getenv("FRONT_P12_PASS").toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        InetAddress lo = InetAddress.getLoopbackAddress();
        int target = Integer.parseInt(args[2]);
        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(Integer.parseInt(args[1]), 50, lo)) {
            System.out.println("TLS front on " + server.getLocalSocketAddress() + " -> " + lo.getHostAddress() + ":" + target);
            for (;;) {
                Socket client = server.accept();
                new Thread(() -> relay(client, lo, target)).start();
            }
        }
    }

    private static void relay(Socket client, InetAddress lo, int target) {
        try (client; Socket up = new Socket(lo, target)) {
            Thread back = new Thread(() -> pipe(up, client));
            back.start();
            pipe(client, up);
            back.join();
        } catch (Exception e) {
            System.out.println("connection: " + e);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (Exception e) {
            try { to.close(); from.close(); } catch (Exception ignored) { }
        }
    }
}
