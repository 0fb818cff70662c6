package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.gatehouse.bsserver.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong configuration fails with a message that says what to fix, and without the password. */
class PostgresqlConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void a_wrong_password_is_named_as_such() {
        StorageException e = failure(TestPostgresql.url(), TestPostgresql.USER, "not-the-Secret-42");
        assertTrue(e.getMessage().contains("refused the login") && e.getMessage().contains("set user and password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-Secret-42"), e.getMessage());
    }

    @Test
    void a_server_that_does_not_listen_is_named_with_the_url_to_check() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StorageException e = failure("jdbc:postgresql://127.0.0.1:" + port + "/gatehouse", "gatehouse", "x");
        assertTrue(e.getMessage().contains("cannot reach PostgreSQL") && e.getMessage().contains(":" + port), e.getMessage());
    }

    @Test
    void a_missing_database_is_named_with_how_to_create_it() {
        String url = TestPostgresql.url().replaceAll("/gatehouse(\\?|$)", "/no_such_db$1");
        StorageException e = failure(url, TestPostgresql.USER, TestPostgresql.PASSWORD);
        assertTrue(e.getMessage().contains("createdb"), e.getMessage());
    }

    @Test
    void a_password_in_the_url_is_not_shown() {
        StorageException e = failure(TestPostgresql.url() + "?password=url-Secret-7", TestPostgresql.USER, "");
        assertFalse(e.getMessage().contains("url-Secret-7"), e.getMessage());
        assertThrows(StorageException.class, () -> JdbcBootstrapStorage.postgresql("jdbc:mysql://h/db?password=zz", "u", "p", "n", dir));
        try (JdbcBootstrapStorage s = JdbcBootstrapStorage.postgresql("jdbc:postgresql://h/db?user=u&password=zz", "", "", "n", dir)) {
            assertFalse(s.location().contains("zz"), s.location());
            assertFalse(s.toString().contains("zz"), s.toString());
        }
    }

    private StorageException failure(String url, String user, String password) {
        try (JdbcBootstrapStorage s = JdbcBootstrapStorage.postgresql(url, user, password, "n", dir.resolve("secret.key"))) {
            return assertThrows(StorageException.class, s::open);
        }
    }
}
