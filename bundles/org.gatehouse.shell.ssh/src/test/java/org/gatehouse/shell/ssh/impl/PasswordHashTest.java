package org.gatehouse.shell.ssh.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void the_password_matches_its_hash_and_others_do_not() {
        PasswordHash hash = PasswordHash.parse(PasswordHash.create("correct horse".toCharArray(), 1000));
        assertTrue(hash.matches("correct horse".toCharArray()));
        assertFalse(hash.matches("correct horse ".toCharArray()));
        assertFalse(hash.matches("".toCharArray()));
    }

    @Test
    void the_hash_is_salted_and_does_not_contain_the_password() {
        String a = PasswordHash.create("secret".toCharArray(), 1000);
        String b = PasswordHash.create("secret".toCharArray(), 1000);
        assertNotEquals(a, b);
        assertFalse(a.contains("secret"));
        assertTrue(a.startsWith("pbkdf2-sha256:1000:"));
    }

    @Test
    void a_malformed_hash_is_refused_without_repeating_it() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("hunter2"));
        assertFalse(plain.getMessage().contains("hunter2"));
        assertTrue(plain.getMessage().contains("--hash-password"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:x:hunter2:AAAA"));
        assertFalse(bad.getMessage().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:1000::AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:1000:AAAA:AAAA"));
    }
}
