package org.gatehouse.bsserver.storage.jdbc;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

import org.gatehouse.bsserver.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret key file: 32 random bytes, created on first use with owner-only permissions. Creation
 * is atomic (a hard link of a complete temporary file), so two processes creating it at once end up
 * with the same key.
 */
final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile() {
    }

    /** Reads the key in {@code file}, creating the file (and its folder) when it does not exist. */
    static SecretCipher load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            Set<PosixFilePermission> permissions = permissions(file);
            if (permissions != null && !OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("The secret key file {} is readable by others ({}); make it owner-only: chmod 600 {}", file,
                    PosixFilePermissions.toString(permissions), file);
            }
            return new SecretCipher(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new StorageException("cannot read or create the secret key file " + file + ": " + e
                + "; check the folder's permissions or set secretKeyFile in " + StorageComponent.PID, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        OwnerOnly.createFolder(folder);
        Path temp = Files.createTempFile(folder, ".secret", ".tmp");
        try {
            OwnerOnly.restrict(temp);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.write(temp, key);
            try {
                Files.createLink(file, temp);
                LOG.info("Created the secret key file {}; nodes sharing a database must all use a copy of it", file);
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use theirs
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file); // no hard links here; fails too when another process won
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes().permissions();
    }
}
