package org.blockhost.platform.api;

/**
 * Roles of the operator CLI. A Gogo command service in the {@code blockhost} scope declares the
 * role each of its commands needs with the service property {@link #PROPERTY}: one or more
 * entries {@code "FUNCTION=ROLE"}, {@code "FUNCTION WORD=ROLE"} or {@code "FUNCTION *=ROLE"}.
 * The CLI drops every {@code --json} argument, then takes the first remaining argument as WORD:
 * {@code FUNCTION} matches a call with no WORD, {@code FUNCTION WORD} that WORD, {@code FUNCTION *}
 * any other call. A call no entry matches needs {@link #ADMIN} (fail closed). Example:
 * {@code property = {CommandRoles.PROPERTY + "=vm=read", CommandRoles.PROPERTY + "=vm show=read",
 * CommandRoles.PROPERTY + "=vm *=operate"}}.
 */
public final class CommandRoles {
    /** The service property naming the roles of a command service's functions. */
    public static final String PROPERTY = "blockhost.command.role";
    /** Read-only commands: status, listings, balances. */
    public static final String READ = "read";
    /** Commands that change the runtime's state: holds, retries, setup, backups. */
    public static final String OPERATE = "operate";
    /** Commands that move the host wallet's funds. */
    public static final String TREASURY = "treasury";
    /** Everything, including commands that declare no role: root and the runtime's own user. */
    public static final String ADMIN = "admin";

    private CommandRoles() {
    }
}
