package org.blockhost.crypto.internal.cli;

import java.util.Map;

/** One batch operation: request fields in, response fields out (the batch loop adds the id). */
@FunctionalInterface
interface Operation {
    Map<String, Object> apply(Request request);
}
