package org.blockhost.rootagent.internal.actions;

import java.util.List;
import java.util.Set;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.libvirt.Domain;

/** Runs one program inside a guest with a fixed argument vector (never a shell). */
interface GuestExec {
    /**
     * A guest command: absolute program path, arguments, accepted exit codes, a time limit and its
     * standard input ({@code null}: none).
     */
    record Command(String path, List<String> args, Set<Integer> okExits, int timeoutS, String input) {
        public Command {
            args = List.copyOf(args);
            okExits = Set.copyOf(okExits);
        }

        static Command of(String path, String... args) {
            return new Command(path, List.of(args), Set.of(0), 10, null);
        }

        Command accepting(Integer... exits) {
            return new Command(path, args, Set.of(exits), timeoutS, input);
        }

        Command within(int seconds) {
            return new Command(path, args, okExits, seconds, input);
        }

        Command reading(String stdin) {
            return new Command(path, args, okExits, timeoutS, stdin);
        }

        /** Program and arguments as one list. */
        List<String> argv() {
            List<String> out = new java.util.ArrayList<>(List.of(path));
            out.addAll(args);
            return out;
        }
    }

    /** Exit code and standard output of a finished command. */
    record Result(int exit, String out) {
    }

    Result run(Command c) throws ActionException;

    /** The guest of a domain: its QEMU guest agent, or on libvirt's test driver the recorded model guest. */
    static GuestExec of(AgentContext ctx, Domain d, String name) {
        return ctx.config().libvirtUri().startsWith("test:")
                ? new TestDriverGuest(ctx.config().vmDir().resolve(".testdriver"), d, name) : new QemuGuest(d);
    }
}
