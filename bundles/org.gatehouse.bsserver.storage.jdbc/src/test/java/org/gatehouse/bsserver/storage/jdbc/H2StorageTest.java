package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 engine, one database file per test; plus what only a file engine has. */
class H2StorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected JdbcBootstrapStorage newStorage(String node) {
        return JdbcBootstrapStorage.h2(dir.resolve("data"), node);
    }

    @Test
    void the_database_and_the_key_are_owner_only_files_in_an_owner_only_folder() throws Exception {
        JdbcBootstrapStorage s = storage("a");
        s.open();
        Path data = dir.resolve("data");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secret.key"))));
        assertEquals(32, Files.size(data.resolve("secret.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("bsserver.mv.db"))));
        assertEquals("h2", s.engine());
    }

    @Test
    void data_survives_a_restart() {
        JdbcBootstrapStorage before = storage("a");
        before.putCredential(new org.gatehouse.bsserver.storage.EndpointCredential("ep",
            org.gatehouse.bsserver.storage.EndpointCredential.Kind.PSK, "id", new byte[] {9, 8, 7}));
        before.close();
        JdbcBootstrapStorage after = storage("a");
        assertEquals(3, after.credential("ep").orElseThrow().secret().length);
    }
}
