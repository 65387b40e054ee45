package org.blockhost.rootagent.internal.actions;

import org.blockhost.rootagent.internal.action.ActionException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * One lazily opened libvirt connection, kept for the agent's lifetime (the test driver keeps its
 * state per connection) and reopened after it breaks.
 */
public final class LibvirtGateway implements AutoCloseable {
    private final String uri;
    private Connect conn;

    public LibvirtGateway(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public synchronized Connect connection() throws ActionException {
        try {
            if (conn != null && conn.isAlive()) {
                return conn;
            }
        } catch (LibvirtException e) {
            conn = null;
        }
        try {
            conn = new Connect(uri, false);
            return conn;
        } catch (LibvirtException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new ActionException(ActionException.Kind.FAILED, "libvirt " + uri + " unavailable: " + msg(e));
        }
    }

    /** The domain with this name, or a FAILED exception naming it. */
    public Domain domain(String name) throws ActionException {
        Connect c = connection();
        try {
            return c.domainLookupByName(name);
        } catch (LibvirtException e) {
            throw ActionException.failed("no domain '" + name + "': " + msg(e));
        }
    }

    /**
     * Releases a domain handle now: each one holds a reference on its connection, so unreleased
     * handles would keep a closed connection (and the test driver's state) alive until GC.
     */
    public static void free(Domain d) {
        if (d != null) {
            try {
                d.free();
            } catch (LibvirtException e) {
                // already released
            }
        }
    }

    public static String msg(Throwable e) {
        String m = e instanceof LibvirtException le && le.getError() != null ? le.getError().getMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    @Override
    public synchronized void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (LibvirtException e) {
                // closing anyway
            }
            conn = null;
        }
    }
}
