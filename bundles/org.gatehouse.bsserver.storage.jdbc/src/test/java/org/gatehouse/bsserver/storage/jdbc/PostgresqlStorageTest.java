package org.gatehouse.bsserver.storage.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on PostgreSQL (scripts/pg-up.sh), one schema per test; every storage shares one key file. */
class PostgresqlStorageTest extends StorageContract {

    @TempDir
    Path dir;
    private String schema;

    @BeforeEach
    void createSchema() {
        schema = TestPostgresql.createSchema();
    }

    @AfterEach
    void dropSchema() {
        closeStorages();
        TestPostgresql.dropSchema(schema);
    }

    @Override
    protected JdbcBootstrapStorage newStorage(String node) {
        return JdbcBootstrapStorage.postgresql(TestPostgresql.urlOf(schema), TestPostgresql.USER, TestPostgresql.PASSWORD, node,
            dir.resolve("secret.key"));
    }
}
