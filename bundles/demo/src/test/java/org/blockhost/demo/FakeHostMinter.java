package org.blockhost.demo;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Plays the host's part for CLI tests: a thread that reads {@code SubscriptionCreated} logs and
 * mints each subscription's NFT with the test credentials sealed to its K. Pausable.
 */
final class FakeHostMinter implements AutoCloseable {
    final AtomicBoolean minting = new AtomicBoolean(true);
    private final TestStack t;
    private final Thread thread;
    private volatile boolean stop;

    FakeHostMinter(TestStack t) {
        this.t = t;
        this.thread = new Thread(this::loop, "fake-host-minter");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Credentials creds = new Credentials(t.chain);
        while (!stop) {
            try {
                if (minting.get()) {
                    mintMissing(creds);
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("fake host: " + e);
            }
        }
    }

    private void mintMissing(Credentials creds) throws java.io.IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                t.stack.subscriptions()).addSingleTopic(Subscriptions.subscriptionCreatedTopic());
        for (EthLog.LogResult<?> r : t.chain.web3j().ethGetLogs(filter).send().getLogs()) {
            Purchase p = Subscriptions.purchase((Log) r.get(), BigInteger.ZERO);
            if (creds.tokenOf(p.subscriptionId()).isEmpty()) {
                t.mintSealed(p, TestStack.credentialsJson(p.subscriptionId()));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(5000);
    }
}
