package org.gatehouse.bsserver.storage.jdbc;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this process knows of an embedded database file beyond its rows: the claims ({@link LocalClaims}),
 * the configuration index ({@link ConfigIndex}), the endpoints holding credentials ({@link CredentialIndex}), the next session ids ({@link SessionIds}) and the
 * session-log writers. One process opens the file, so every writer of it
 * is in this process and goes through these; shared by every storage opened on that file here. The
 * index is read again from the file at each storage's open (the file may have been replaced meanwhile).
 */
final class Embedded {

    private static final ConcurrentMap<Path, Embedded> FILES = new ConcurrentHashMap<>();

    final ConcurrentMap<String, LocalClaims.Held> claims = new ConcurrentHashMap<>();
    final ConfigIndex configs = new ConfigIndex();
    final SessionIds sessionIds = new SessionIds();
    final CredentialIndex bootstrapCredentials = new CredentialIndex();
    final CredentialIndex lwm2mServerCredentials = new CredentialIndex();
    /** The session-log writers of the storages open on this file: a read of the log flushes them all. */
    final Set<LogWriter> writers = ConcurrentHashMap.newKeySet();

    private Embedded() {
    }

    /** @param file the database file's absolute path */
    static Embedded of(Path file) {
        return FILES.computeIfAbsent(file.normalize(), f -> new Embedded());
    }
}
