package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a store connection inside a transaction. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
