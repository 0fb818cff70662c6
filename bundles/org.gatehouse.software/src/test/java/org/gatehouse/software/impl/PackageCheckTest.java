package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a package must be to be installed. */
class PackageCheckTest {

    @TempDir
    Path dir;

    @Test
    void a_bundle_with_the_digest_the_uri_names_is_verified() throws Exception {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "org.example.hello", "1.1.0");
        String sha = PackageCheck.sha256(jar);
        for (String uri : new String[] {"http://h/a.jar#sha256=" + sha, "http://h/a.jar?x=1&sha256=" + sha.toUpperCase(), "http://h/a.jar"}) {
            assertEquals(new PackageCheck.Verified("org.example.hello", "1.1.0"),
                PackageCheck.verify(jar, URI.create(uri), 1_000_000, "org.example.hello"), uri);
        }
    }

    @Test
    void a_wrong_digest_is_an_integrity_failure() throws Exception {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "org.example.hello", "1.1.0");
        PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class,
            () -> PackageCheck.verify(jar, URI.create("http://h/a.jar#sha256=" + "0".repeat(64)), 1_000_000, ""));
        assertEquals(Codes.INTEGRITY_FAILURE, e.code);
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    }

    @Test
    void a_malformed_digest_is_an_invalid_uri() {
        PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class, () -> PackageCheck.expectedSha256(URI.create("http://h/a.jar#sha256=xyz")));
        assertEquals(Codes.INVALID_URI, e.code);
        assertEquals(Optional.empty(), assertDoesNotThrow(() -> PackageCheck.expectedSha256(URI.create("http://h/a.jar?v=2"))));
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    @Test
    void a_package_above_the_limit_is_refused_for_storage() throws Exception {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "org.example.hello", "1.1.0");
        PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class, () -> PackageCheck.verify(jar, URI.create("http://h/a.jar"), 10, ""));
        assertEquals(Codes.NOT_ENOUGH_STORAGE, e.code);
    }

    @Test
    void something_else_than_a_bundle_is_an_unsupported_package() throws Exception {
        Path plain = Jars.bundle(dir.resolve("plain.jar"), null, null);
        assertEquals(Codes.UNSUPPORTED_PACKAGE,
            assertThrows(PackageCheck.Refused.class, () -> PackageCheck.verify(plain, URI.create("http://h/p.jar"), 1_000_000, "")).code);
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
        assertEquals(Codes.UNSUPPORTED_PACKAGE,
            assertThrows(PackageCheck.Refused.class, () -> PackageCheck.verify(text, URI.create("http://h/t.jar"), 1_000_000, "")).code);
    }

    @Test
    void an_update_must_be_of_the_instance_bundle() throws Exception {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "org.example.other", "1.0.0");
        PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class,
            () -> PackageCheck.verify(jar, URI.create("http://h/a.jar"), 1_000_000, "org.example.hello"));
        assertEquals(Codes.UNSUPPORTED_PACKAGE, e.code);
        assertTrue(e.getMessage().contains("org.example.other"), e.getMessage());
    }
}
