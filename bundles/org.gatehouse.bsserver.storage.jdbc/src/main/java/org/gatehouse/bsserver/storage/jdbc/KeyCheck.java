package org.gatehouse.bsserver.storage.jdbc;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.gatehouse.bsserver.storage.StorageException;

/**
 * Refuses a key that is not the one the database's secrets are sealed with: the first node records
 * its key's id in {@code bs_meta}, every later start compares. Without it, a node with its own fresh
 * key file would only fail later, at the first secret it reads.
 */
final class KeyCheck {

    private static final String NAME = "secret_key_id";

    private final Database database;
    private final Path keyFile;

    KeyCheck(Database database, Path keyFile) {
        this.database = database;
        this.keyFile = keyFile;
    }

    void verify(SecretCipher cipher) {
        String recorded = database.call("checking the secret key", c -> {
            try {
                Database.update(c, database.engine().insertOrNothing("INSERT INTO bs_meta (name, val) VALUES (?, ?)"), NAME, cipher.keyId());
            } catch (SQLException e) {
                if (!Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // another node recorded its key first: compare with that one
            }
            try (PreparedStatement s = c.prepareStatement("SELECT val FROM bs_meta WHERE name = ?")) {
                s.setString(1, NAME);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        if (!recorded.equals(cipher.keyId())) {
            throw new StorageException("the secret key file " + keyFile + " is not the key the secrets in " + database.described()
                + " are sealed with (key id " + cipher.keyId() + ", the database expects " + recorded
                + "): every node must use a copy of the same key file; copy it from a node that works, or set secretKeyFile in "
                + StorageComponent.PID);
        }
    }
}
