package org.gatehouse.bsserver.storage.jdbc;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this process knows of an embedded database file beyond its rows: the claims ({@link LocalClaims})
 * and the configuration index ({@link ConfigIndex}). One process opens the file, so every writer of it
 * is in this process and goes through these; shared by every storage opened on that file here. The
 * index is read again from the file at each storage's open (the file may have been replaced meanwhile).
 */
final class Embedded {

    private static final ConcurrentMap<Path, Embedded> FILES = new ConcurrentHashMap<>();

    final ConcurrentMap<String, Object> claims = new ConcurrentHashMap<>();
    final ConfigIndex configs = new ConfigIndex();

    private Embedded() {
    }

    /** @param file the database file's absolute path */
    static Embedded of(Path file) {
        return FILES.computeIfAbsent(file.normalize(), f -> new Embedded());
    }
}
