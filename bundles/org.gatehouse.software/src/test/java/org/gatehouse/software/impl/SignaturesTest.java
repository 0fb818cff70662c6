package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached signatures against trusted keys: Ed25519 and ECDSA P-256, raw and Base64. */
class SignaturesTest {

    @TempDir
    Path dir;

    static String pem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static byte[] sign(KeyPair k, String algorithm, Path file) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(k.getPrivate());
        s.update(Files.readAllBytes(file));
        return s.sign();
    }

    @Test
    void a_signature_by_a_trusted_key_verifies_and_one_by_another_key_does_not() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("vendor.pem"), pem(ed));
        Files.writeString(keys.resolve("ops.pem"), pem(ec));
        Files.writeString(keys.resolve("broken.pem"), "not a key");
        List<java.security.PublicKey> trusted = Signatures.trusted(keys);
        assertEquals(2, trusted.size(), "the broken file is skipped");

        Path pkg = Jars.bundle(dir.resolve("a.jar"), "org.example.hello", "1.0.0");
        assertTrue(Signatures.verify(pkg, sign(ed, "Ed25519", pkg), trusted));
        assertTrue(Signatures.verify(pkg, Base64.getEncoder().encodeToString(sign(ec, "SHA256withECDSA", pkg)).getBytes(StandardCharsets.US_ASCII), trusted));
        assertFalse(Signatures.verify(pkg, sign(stranger, "Ed25519", pkg), trusted));
        Path other = Jars.bundle(dir.resolve("b.jar"), "org.example.hello", "1.0.1");
        assertFalse(Signatures.verify(other, sign(ed, "Ed25519", pkg), trusted), "a signature of another package");
    }

    @Test
    void no_folder_means_no_trusted_keys() {
        assertTrue(Signatures.trusted(dir.resolve("none")).isEmpty());
    }

    @Test
    void the_signature_sits_beside_the_package() {
        assertEquals(URI.create("http://h/a.jar.sig"), Signatures.signatureUri(URI.create("http://h/a.jar#sha256=00")));
        assertEquals(URI.create("https://h/a.jar.sig?v=2"), Signatures.signatureUri(URI.create("https://h/a.jar?v=2")));
    }
}
