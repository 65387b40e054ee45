package org.blockhost.rootagent.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A guest command through the QEMU guest agent: {@code guest-exec} with the argument vector as a
 * JSON array (no shell in the guest), then {@code guest-exec-status} polled until it exits (20 ms
 * after the start, doubling to every 200 ms).
 */
final class QemuGuest implements GuestExec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALL_TIMEOUT_S = 10;
    private static final long FIRST_POLL_MS = 20;
    private static final long MAX_POLL_MS = 200;
    private final Domain domain;

    QemuGuest(Domain domain) {
        this.domain = domain;
    }

    static String execRequest(Command c) {
        ObjectNode req = JSON.createObjectNode().put("execute", "guest-exec");
        ObjectNode a = req.putObject("arguments").put("path", c.path()).put("capture-output", true);
        ArrayNode arg = a.putArray("arg");
        c.args().forEach(arg::add);
        if (c.input() != null) {
            a.put("input-data", Base64.getEncoder().encodeToString(c.input().getBytes(StandardCharsets.UTF_8)));
        }
        return req.toString();
    }

    static String statusRequest(long pid) {
        ObjectNode req = JSON.createObjectNode().put("execute", "guest-exec-status");
        req.putObject("arguments").put("pid", pid);
        return req.toString();
    }

    @Override
    public Result run(Command c) throws ActionException {
        String prog = c.path().substring(c.path().lastIndexOf('/') + 1);
        try {
            long pid = parse(domain.qemuAgentCommand(execRequest(c), CALL_TIMEOUT_S, 0)).path("return").path("pid")
                    .asLong(-1);
            if (pid < 0) {
                throw ActionException.failed("guest agent did not start " + prog);
            }
            long deadline = System.nanoTime() + c.timeoutS() * 1_000_000_000L;
            for (int poll = 0; System.nanoTime() < deadline; poll++) {
                JsonNode r = parse(domain.qemuAgentCommand(statusRequest(pid), CALL_TIMEOUT_S, 0)).path("return");
                if (r.path("exited").asBoolean(false)) {
                    return new Result(r.path("exitcode").asInt(-1), decode(r.path("out-data").asText("")));
                }
                sleep(pollDelayMillis(poll));
            }
            throw ActionException.failed(prog + " in the guest did not finish in " + c.timeoutS() + " s");
        } catch (LibvirtException e) {
            throw ActionException.failed("guest agent: " + LibvirtGateway.msg(e));
        }
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static JsonNode parse(String s) throws ActionException {
        try {
            return JSON.readTree(s == null ? "{}" : s);
        } catch (java.io.IOException e) {
            throw ActionException.failed("guest agent sent invalid JSON");
        }
    }

    /**
     * The pause before status poll {@code poll + 1}: 20 ms, doubling up to 200 ms (a short command is seen
     * done within tens of milliseconds, a long one costs a status call per 200 ms as before).
     */
    static long pollDelayMillis(int poll) {
        return Math.min(MAX_POLL_MS, FIRST_POLL_MS << Math.min(poll, 4));
    }

    private static void sleep(long millis) throws ActionException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionException.failed("interrupted");
        }
    }
}
