package org.blockhost.provisioner.libvirt.internal.read;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A lazily opened, read-only libvirt connection, reopened after it failed. */
public final class ReadOnlyLibvirt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyLibvirt.class);
    private final String uri;
    private Connect conn;

    public ReadOnlyLibvirt(String uri) {
        this.uri = uri;
    }

    public interface Read<T> {
        T apply(Connect c) throws LibvirtException;
    }

    /** Runs a read; a failure that leaves the connection dead closes it so the next read reopens. */
    public synchronized <T> T read(Read<T> r) throws LibvirtException {
        if (conn == null) {
            conn = new Connect(uri, true);
        }
        try {
            return r.apply(conn);
        } catch (LibvirtException e) {
            if (!alive()) {
                closeQuietly();
            }
            throw e;
        }
    }

    private boolean alive() {
        try {
            return conn != null && conn.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (LibvirtException e) {
            LOG.debug("closing libvirt connection: {}", e.getMessage());
        }
        conn = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
