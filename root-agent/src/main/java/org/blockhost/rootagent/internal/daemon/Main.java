package org.blockhost.rootagent.internal.daemon;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar org.blockhost.rootagent-<version>.jar --socket PATH --group NAME ...} */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        DaemonArgs args = DaemonArgs.parseOrExit(argv);
        CountDownLatch stop = new CountDownLatch(1);
        Daemon d;
        try {
            d = Daemon.start(args);
        } catch (java.io.IOException e) {
            System.err.println("root agent not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            d.close();
            stop.countDown();
        }, "root-agent-shutdown"));
        stop.await();
    }
}
