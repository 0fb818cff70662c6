package org.gatehouse.bsserver.storage.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gatehouse.bsserver.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_key_file_is_created_owner_only_in_an_owner_only_folder_and_then_reused() throws Exception {
        Path file = dir.resolve("keys/secret.key");
        SecretCipher first = KeyFile.load(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(32, Files.size(file));
        assertEquals(first.keyId(), KeyFile.load(file).keyId());
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void processes_creating_the_key_at_once_end_up_with_one_key() throws Exception {
        Path file = dir.resolve("secret.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return KeyFile.load(file).keyId();
                }));
            }
            start.countDown();
            List<String> loaded = new ArrayList<>();
            for (Future<String> id : ids) {
                loaded.add(id.get());
            }
            String expected = new SecretCipher(Files.readAllBytes(file), "file").keyId();
            assertEquals(List.of(expected), loaded.stream().distinct().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_sealed_secret_opens_only_with_its_key_and_its_endpoint() {
        SecretCipher cipher = KeyFile.load(dir.resolve("a.key"));
        byte[] sealed = cipher.seal("psk".getBytes(UTF_8), "ep-1");
        assertArrayEquals("psk".getBytes(UTF_8), cipher.open(sealed, "ep-1"));
        assertNotEquals(new String(sealed, UTF_8), new String(cipher.seal("psk".getBytes(UTF_8), "ep-1"), UTF_8), "a fresh nonce each time");
        assertThrows(StorageException.class, () -> cipher.open(sealed, "ep-2"));
        assertThrows(StorageException.class, () -> KeyFile.load(dir.resolve("b.key")).open(sealed, "ep-1"));
        sealed[sealed.length - 1] ^= 1;
        StorageException e = assertThrows(StorageException.class, () -> cipher.open(sealed, "ep-1"));
        assertTrue(e.getMessage().contains("a.key"), e.getMessage());
    }

    @Test
    void a_key_file_of_the_wrong_size_is_refused_with_its_name() throws Exception {
        Path file = dir.resolve("short.key");
        Files.write(file, new byte[16]);
        StorageException e = assertThrows(StorageException.class, () -> KeyFile.load(file));
        assertTrue(e.getMessage().contains("short.key") && e.getMessage().contains("32-byte"), e.getMessage());
    }
}
