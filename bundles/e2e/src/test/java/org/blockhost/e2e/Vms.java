package org.blockhost.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The runtime's view of its VMs and pipeline through the operator CLI ({@code --json}). */
final class Vms {
    private final Stack stack;

    Vms(Stack stack) {
        this.stack = stack;
    }

    /** {@code blockhost vm list --json}. */
    List<JsonNode> list() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        stack.cli("vm", "list", "--json").json().forEach(all::add);
        return all;
    }

    /** {@code blockhost vm show NAME --json} (with the audit history). */
    JsonNode show(String name) throws IOException, InterruptedException {
        return stack.cli("vm", "show", name, "--json").json();
    }

    /** {@code blockhost pipeline --json}: subscriptions not active yet. */
    List<JsonNode> pipeline() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        stack.cli("pipeline", "--json").json().forEach(all::add);
        return all;
    }

    /** Waits until {@code vm show NAME} reports the state; returns the VM as shown then. */
    JsonNode awaitState(String name, String state, Duration timeout) throws IOException, InterruptedException {
        return await(name, timeout, "state " + state, vm -> state.equals(vm.path("state").asText()));
    }

    /** Waits until the VM matches; fails naming what was expected and what was last seen. */
    JsonNode await(String name, Duration timeout, String what, java.util.function.Predicate<JsonNode> test)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Cli.Result r = stack.cli("vm", "show", name, "--json");
            if (r.exit() == 0) {
                last = Stack.JSON.readTree(r.out());
                if (test.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not reach " + what + " within " + timeout + "; last seen: " + last
                + "\n" + Stack.tail(stack.home, 30));
    }

    /** True when the VM's audit history has an entry whose action is {@code action}. */
    static boolean audited(JsonNode vm, String action) {
        return audited(vm, null, action, "");
    }

    /** True when an audit entry has the action, the actor (null: any) and a detail containing {@code detail} (any case). */
    static boolean audited(JsonNode vm, String actor, String action, String detail) {
        for (JsonNode a : vm.path("audit")) {
            if (action.equals(a.path("action").asText()) && (actor == null || actor.equals(a.path("actor").asText()))
                    && a.path("detail").asText().toLowerCase().contains(detail.toLowerCase())) {
                return true;
            }
        }
        return false;
    }
}
