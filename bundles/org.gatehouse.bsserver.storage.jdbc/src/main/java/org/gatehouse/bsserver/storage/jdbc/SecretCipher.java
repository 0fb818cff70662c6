package org.gatehouse.bsserver.storage.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.StorageException;

/**
 * Seals secrets for the database with AES-256-GCM: credential secrets, and whole configuration
 * documents (they hold the keys the bootstrap server writes to devices). A sealed value is a format
 * byte, a random 96-bit nonce and the ciphertext with its tag. The endpoint name (or configuration
 * key) is bound in as associated data, so a value copied to another row does not decrypt. Values
 * sealed or opened here are kept opened in memory ({@link OpenedValues}), never in the database.
 */
final class SecretCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    // associated data: what the value is and whose, so that neither kind nor owner can be swapped
    private static final String CREDENTIAL = "gatehouse-bsserver-credential:";
    private static final String CONFIG = "gatehouse-bsserver-config:";
    private static final String LWM2M_SERVER_CREDENTIAL = "gatehouse-lwm2m-server-credential:";

    private final SecretKeySpec key;
    private final String keyId;
    private final String source;
    private final SecureRandom random = new SecureRandom();
    private final OpenedValues opened = new OpenedValues();

    /**
     * @param key    32 bytes
     * @param source where the key came from, for error messages
     */
    SecretCipher(byte[] key, String source) {
        if (key.length != 32) {
            throw new StorageException(source + " holds " + key.length + " bytes, not a 32-byte AES key");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
        this.source = source;
    }

    /**
     * A name for the key that reveals nothing of it (a truncated SHA-256 over a label and the key):
     * stored in the database so that a node with a different key file is refused at start.
     */
    String keyId() {
        return keyId;
    }

    byte[] seal(byte[] plain, String endpoint) {
        return seal(plain, CredentialRole.BOOTSTRAP_SERVER, endpoint);
    }

    byte[] open(byte[] sealed, String endpoint) {
        return open(sealed, CredentialRole.BOOTSTRAP_SERVER, endpoint);
    }

    /** Seals a credential secret bound to its endpoint and role: a secret moved to the other role does not decrypt. */
    byte[] seal(byte[] plain, CredentialRole role, String endpoint) {
        return seal(plain, label(role), endpoint, "the secret of " + endpoint);
    }

    byte[] open(byte[] sealed, CredentialRole role, String endpoint) {
        return open(sealed, label(role), endpoint, "the stored secret of " + endpoint);
    }

    private static String label(CredentialRole role) {
        return role == CredentialRole.BOOTSTRAP_SERVER ? CREDENTIAL : LWM2M_SERVER_CREDENTIAL;
    }

    /** Seals a whole configuration document, bound to its key: a document copied to another key does not decrypt. */
    byte[] sealConfig(String json, String key) {
        return seal(json.getBytes(StandardCharsets.UTF_8), CONFIG, key, "configuration " + key);
    }

    String openConfig(byte[] sealed, String key) {
        return new String(open(sealed, CONFIG, key, "the stored configuration " + key), StandardCharsets.UTF_8);
    }

    private byte[] seal(byte[] plain, String label, String name, String what) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            String associated = label + name;
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associated);
            byte[] sealed = ByteBuffer.allocate(1 + NONCE + cipher.getOutputSize(plain.length)).put(FORMAT).put(nonce).put(cipher.doFinal(plain))
                .array();
            opened.put(associated, sealed, plain); // what was put here is read back soon: by the device's bootstrap
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot encrypt " + what + ": " + e.getMessage(), e);
        }
    }

    private byte[] open(byte[] sealed, String label, String name, String what) {
        if (sealed.length < 1 + NONCE || sealed[0] != FORMAT) {
            throw new StorageException(what + " is not in a known format");
        }
        String associated = label + name;
        byte[] known = opened.get(associated, sealed); // a row read again: every bootstrap reads its configuration and credential
        if (known != null) {
            return known;
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE), associated);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
            opened.put(associated, sealed, plain);
            return plain;
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot decrypt " + what + " with the key in " + source
                + ": the key file differs from the one it was written with, or the row was altered", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String associated) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("gatehouse-bsserver-key-id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
