package org.gatehouse.bsserver.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Session ids of an embedded database, handed out in this process (which alone opens the file) so that a
 * session's first row can be written behind like its other rows. They follow the newest id in the table;
 * every {@link #BLOCK} ids the column's own sequence is moved past the block, so that a row inserted
 * without an id (by an earlier version of this bundle, say) never takes one of them. Ids of rows lost in
 * a crash (still queued) may be handed out again: nothing refers to them.
 */
final class SessionIds {

    static final long BLOCK = 10_000;

    private long next; // guarded by this
    private long limit;

    synchronized long next(Database database) {
        if (next >= limit) {
            long newest = database.call("reading the newest session id", c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM bs_session"); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            long first = Math.max(newest + 1, limit); // the rows of the last block may still be queued
            database.call("moving the session ids on", c -> Database.update(c, "ALTER TABLE bs_session ALTER COLUMN id RESTART WITH "
                + (first + BLOCK)));
            next = first;
            limit = first + BLOCK;
        }
        return next++;
    }
}
