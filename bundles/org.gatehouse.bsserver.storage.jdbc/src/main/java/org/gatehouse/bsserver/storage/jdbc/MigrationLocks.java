package org.gatehouse.bsserver.storage.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One lock per database in this process, held while migrating. H2 commits each DDL statement, so
 * only this lock keeps two storages of one process (tests, a restarted component) from migrating an
 * embedded database at once; for PostgreSQL it only spares the advisory lock a wait.
 */
final class MigrationLocks {

    // process-wide on purpose: an embedded database is process-wide too
    private static final ConcurrentMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    private MigrationLocks() {
    }

    static Object of(String database) {
        return LOCKS.computeIfAbsent(database, k -> new Object());
    }
}
