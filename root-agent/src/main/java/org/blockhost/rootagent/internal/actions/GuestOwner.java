package org.blockhost.rootagent.internal.actions;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * vm-set-owner: the guest agent runs {@code /usr/sbin/usermod -c wallet=<addr>,nft=<id> <user>}
 * through {@code guest-exec} with a fixed argument vector, then the agent polls for its exit code.
 */
public final class GuestOwner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENT_TIMEOUT_S = 10;

    private GuestOwner() {
    }

    /** The guest-exec request; values are placed as JSON strings, never parsed by a shell. */
    static String execRequest(String user, String gecos) {
        ObjectNode req = JSON.createObjectNode().put("execute", "guest-exec");
        ObjectNode a = req.putObject("arguments").put("path", "/usr/sbin/usermod").put("capture-output", true);
        a.putArray("arg").add("-c").add(gecos).add(user);
        return req.toString();
    }

    static String statusRequest(long pid) {
        ObjectNode req = JSON.createObjectNode().put("execute", "guest-exec-status");
        req.putObject("arguments").put("pid", pid);
        return req.toString();
    }

    public static Map<String, Object> setOwner(Args args, AgentContext ctx) throws ActionException {
        Wallets.check(args.str("engine"), args.str("wallet"));
        String gecos = Wallets.gecos(args.str("wallet"), args.str("nft_id"));
        Domain d = ctx.libvirt().domain(args.str("name"));
        try {
            long pid = parse(d.qemuAgentCommand(execRequest(args.str("user"), gecos), AGENT_TIMEOUT_S, 0))
                    .path("return").path("pid").asLong(-1);
            if (pid < 0) {
                throw ActionException.failed("guest agent did not start usermod");
            }
            int exit = await(d, pid);
            if (exit != 0) {
                throw ActionException.failed("usermod in the guest exited with " + exit);
            }
            return Map.of("name", args.str("name"), "gecos", gecos);
        } catch (LibvirtException e) {
            throw ActionException.failed("guest agent: " + LibvirtGateway.msg(e));
        } finally {
            LibvirtGateway.free(d);
        }
    }

    private static int await(Domain d, long pid) throws LibvirtException, ActionException {
        long deadline = System.nanoTime() + AGENT_TIMEOUT_S * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode r = parse(d.qemuAgentCommand(statusRequest(pid), AGENT_TIMEOUT_S, 0)).path("return");
            if (r.path("exited").asBoolean(false)) {
                return r.path("exitcode").asInt(-1);
            }
            sleep();
        }
        throw ActionException.failed("usermod in the guest did not finish in " + AGENT_TIMEOUT_S + " s");
    }

    private static JsonNode parse(String s) throws ActionException {
        try {
            return JSON.readTree(s == null ? "{}" : s);
        } catch (java.io.IOException e) {
            throw ActionException.failed("guest agent sent invalid JSON");
        }
    }

    private static void sleep() throws ActionException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionException.failed("interrupted");
        }
    }
}
