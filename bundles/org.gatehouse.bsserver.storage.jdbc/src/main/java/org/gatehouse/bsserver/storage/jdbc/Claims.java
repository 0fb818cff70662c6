package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.SQLException;
import java.time.Duration;

import org.gatehouse.bsserver.storage.StorageException;

/**
 * Claims on endpoints. A claim is taken with one conditional UPDATE (the row is free when it is ours
 * or expired, by the database clock) and, when there is no row, one INSERT that a concurrent insert
 * makes fail or insert nothing. Both are single statements, so the row lock of the database decides
 * between nodes: exactly one of them sees its statement change a row.
 */
final class Claims {

    private final Database database;

    Claims(Database database) {
        this.database = database;
    }

    boolean claim(String endpoint, String node, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease " + lease + " must be positive");
        }
        long millis = Math.max(1, lease.toMillis());
        Engine engine = database.engine();
        try {
            return database.call("claiming " + endpoint + " for " + node, c -> {
                if (update(c, "UPDATE bs_claim SET node = ?, expires = " + engine.nowPlusMillis()
                    + " WHERE endpoint = ? AND (node = ? OR expires <= CURRENT_TIMESTAMP)", node, millis, endpoint, node) == 1) {
                    return true;
                }
                return update(c, engine.insertOrNothing("INSERT INTO bs_claim (endpoint, node, expires) VALUES (?, ?, "
                    + engine.nowPlusMillis() + ")"), endpoint, node, millis) == 1;
            });
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && Database.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false; // another node inserted its claim between our two statements
            }
            throw e;
        }
    }

    void release(String endpoint, String node) {
        database.call("releasing " + endpoint + " for " + node,
            c -> update(c, "DELETE FROM bs_claim WHERE endpoint = ? AND node = ?", endpoint, node));
    }
}
