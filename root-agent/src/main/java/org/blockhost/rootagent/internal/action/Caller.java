package org.blockhost.rootagent.internal.action;

/** Who made a call: peer credentials of the socket, or the runtime itself when in-process. */
public record Caller(long uid, long gid, long pid) {
    public static Caller self() {
        return new Caller(-1, -1, ProcessHandle.current().pid());
    }
}
