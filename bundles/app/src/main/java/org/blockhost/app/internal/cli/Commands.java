package org.blockhost.app.internal.cli;

import java.util.Set;

/** The runtime commands registered now and the roles they declare. */
interface Commands {
    /** Sorted command names. */
    Set<String> names();

    /** The declared roles. */
    CommandRules rules();
}
