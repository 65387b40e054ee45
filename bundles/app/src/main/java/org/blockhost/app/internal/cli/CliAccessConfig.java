package org.blockhost.app.internal.cli;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.blockhost.app.cli}: which Unix groups hold which CLI role. */
@ObjectClassDefinition(name = "BlockHost operator CLI", description = "Unix groups per CLI role and the socket's group."
        + " Root and the runtime's own user hold every role.")
public @interface CliAccessConfig {
    String PID = "org.blockhost.app.cli";

    @AttributeDefinition(description = "Groups that may run read-only commands (status, listings, balances)")
    String[] readGroups() default {"blockhost", "blockhost-ops", "blockhost-treasury"};

    @AttributeDefinition(description = "Groups that may run state-changing commands (holds, retries, setup, backups)")
    String[] operateGroups() default {"blockhost-ops"};

    @AttributeDefinition(description = "Groups that may move the host wallet's funds (wallet send, wallet withdraw)")
    String[] treasuryGroups() default {"blockhost-treasury"};

    @AttributeDefinition(description = "Groups that may run every command, including those declaring no role")
    String[] adminGroups() default {};

    @AttributeDefinition(description = "Group owning the socket (mode 0660); empty keeps the runtime's own group."
            + " Every operator must be in it to connect at all.")
    String socketGroup() default "";

    @AttributeDefinition(description = "Seconds a client has to send its whole request after connecting; a slower"
            + " or silent client is disconnected so that it cannot hold a CLI worker (1..300)")
    int requestTimeoutSeconds() default 10;
}
