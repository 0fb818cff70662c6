package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From configuration to storage, without a framework. */
class StorageComponentTest {

    @TempDir
    Path dir;

    @Test
    void the_default_is_h2_in_the_data_folder_with_the_key_beside_it_and_the_local_node_name() throws Exception {
        try (JdbcBootstrapStorage s = StorageComponent.create(config("h2", "", "", ""), dir.resolve("bsserver"))) {
            assertEquals("h2", s.engine());
            assertEquals("h2:" + dir.resolve("bsserver/bsserver"), s.location());
            assertEquals(BootstrapStorage.localNodeName(), s.node());
            s.open();
            assertTrue(Files.exists(dir.resolve("bsserver/secret.key")));
        }
    }

    @Test
    void an_h2_file_and_key_file_and_node_can_be_chosen() {
        try (JdbcBootstrapStorage s = StorageComponent.create(config("H2", "jdbc:h2:file:" + dir.resolve("db/bs") + ";AUTO_SERVER=TRUE", "gw-7",
                dir.resolve("keys/k").toString()), dir.resolve("unused"))) {
            s.open();
            assertEquals("gw-7", s.node());
            assertTrue(Files.exists(dir.resolve("db/bs.mv.db")));
            assertTrue(Files.exists(dir.resolve("keys/k")));
        }
    }

    @Test
    void an_unknown_engine_and_postgresql_without_url_are_refused_with_what_to_set() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> StorageComponent.create(config("mysql", "", "", ""), dir));
        assertTrue(unknown.getMessage().contains("h2 or postgresql") && unknown.getMessage().contains(StorageComponent.PID));
        StorageException noUrl = assertThrows(StorageException.class, () -> StorageComponent.create(config("postgresql", "", "", ""), dir));
        assertTrue(noUrl.getMessage().contains("set url"), noUrl.getMessage());
    }

    private static StorageComponent.Config config(String engine, String url, String node, String keyFile) {
        return new StorageComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StorageComponent.Config.class;
            }

            @Override
            public String engine() {
                return engine;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String node() {
                return node;
            }

            @Override
            public String secretKeyFile() {
                return keyFile;
            }

            @Override
            public int sessionRetentionDays() {
                return 90;
            }

            @Override
            public int sessionRetentionCount() {
                return 1_000_000;
            }

            @Override
            public int sessionPruneMinutes() {
                return 60;
            }
        };
    }
}
