package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.StorageException;

/**
 * The credentials table of one role: {@code bs_credential} toward the bootstrap server,
 * {@code bs_lwm2m_credential} toward the LwM2M server (same columns). Secrets go in sealed by
 * {@link SecretCipher}, bound to endpoint and role, and come out opened.
 */
final class Credentials {

    private final Database database;
    private final Supplier<SecretCipher> cipher;
    private final CredentialRole role;
    private final String table;
    private final String columns;
    private final CredentialIndex index; // null: every lookup reads the database (nodes sharing it)

    /**
     * @param cipher the cipher, asked for only when a secret is sealed or opened
     * @param index  the endpoints holding a credential of this role in an embedded database, or null
     */
    Credentials(Database database, Supplier<SecretCipher> cipher, CredentialRole role, CredentialIndex index) {
        this.database = database;
        this.cipher = cipher;
        this.role = role;
        this.index = index;
        this.table = role == CredentialRole.BOOTSTRAP_SERVER ? "bs_credential" : "bs_lwm2m_credential";
        this.columns = "SELECT endpoint, kind, identity, secret FROM " + table + " ";
    }

    void put(EndpointCredential credential) {
        String endpoint = credential.endpoint();
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > 255) {
            throw new IllegalArgumentException("endpoint name must be 1 to 255 characters: " + endpoint);
        }
        if (credential.kind() == null || credential.identity() == null || credential.identity().isEmpty()) {
            throw new IllegalArgumentException("credential of " + endpoint + ": kind and identity are required");
        }
        byte[] secret = credential.secret();
        byte[] sealed = secret.length == 0 ? null : cipher.get().seal(secret, role, endpoint);
        Arrays.fill(secret, (byte) 0);
        LocalIndex.write(index, () -> store(credential, sealed), stored -> index.put(endpoint));
    }

    /** Forgets the index (at open: the file may have changed while closed); it is loaded again at the next lookup. */
    void reindex() {
        if (index != null) {
            index.invalidate();
        }
    }

    private Void store(EndpointCredential credential, byte[] sealed) {
        String endpoint = credential.endpoint();
        return database.transaction("storing the credential of " + endpoint, c -> {
            Optional<String> holder = holderOf(c, table, credential.kind(), credential.identity());
            if (holder.isPresent() && !holder.get().equals(endpoint)) {
                throw new StorageException("the " + credential.kind() + " identity of " + endpoint + " is already the identity of "
                    + holder.get() + "; an identity may belong to one endpoint only");
            }
            if (write(c, "UPDATE " + table + " SET kind = ?, identity = ?, secret = ? WHERE endpoint = ?", credential, sealed) == 0) {
                write(c, "INSERT INTO " + table + " (kind, identity, secret, endpoint) VALUES (?, ?, ?, ?)", credential, sealed);
            }
            return null;
        });
    }

    boolean remove(String endpoint) {
        return LocalIndex.write(index, () -> delete(endpoint), removed -> index.remove(endpoint));
    }

    private boolean delete(String endpoint) {
        return database.call("removing the credential of " + endpoint,
            c -> update(c, "DELETE FROM " + table + " WHERE endpoint = ?", endpoint) == 1);
    }

    /** On an embedded database, an endpoint without a credential is answered from the index, reading nothing. */
    Optional<EndpointCredential> byEndpoint(String endpoint) {
        if (index != null) {
            index.ensureLoaded(this::loadIndex);
            if (index.usable() && !index.holds(endpoint)) {
                return Optional.empty();
            }
        }
        return database.call("reading the credential of " + endpoint, c -> one(c, columns + "WHERE endpoint = ?", endpoint));
    }

    /** On an embedded database, a credential found by identity is kept until the next credential write. */
    Optional<EndpointCredential> byIdentity(EndpointCredential.Kind kind, String identity) {
        if (index == null) {
            return queryByIdentity(kind, identity);
        }
        EndpointCredential known = index.found(kind, identity);
        if (known != null) {
            return Optional.of(known);
        }
        long since = index.generation();
        Optional<EndpointCredential> found = queryByIdentity(kind, identity);
        found.ifPresent(c -> index.remember(c, since));
        return found;
    }

    private Optional<EndpointCredential> queryByIdentity(EndpointCredential.Kind kind, String identity) {
        return database.call("looking up a " + kind + " identity",
            c -> one(c, columns + "WHERE kind = ? AND identity = ?", kind.name(), identity));
    }

    private void loadIndex() {
        index.load(database.call("indexing the endpoints with a credential in " + table, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT endpoint FROM " + table + " LIMIT " + (CredentialIndex.MAX_ENDPOINTS + 1));
                    ResultSet rs = s.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        }));
    }

    private static Optional<String> holderOf(Connection c, String table, EndpointCredential.Kind kind, String identity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT endpoint FROM " + table + " WHERE kind = ? AND identity = ?")) {
            s.setString(1, kind.name());
            s.setString(2, identity);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static int write(Connection c, String sql, EndpointCredential credential, byte[] sealed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, credential.kind().name());
            s.setString(2, credential.identity());
            if (sealed == null) {
                s.setNull(3, Types.BINARY);
            } else {
                s.setBytes(3, sealed);
            }
            s.setString(4, credential.endpoint());
            return s.executeUpdate();
        }
    }

    private Optional<EndpointCredential> one(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String endpoint = rs.getString(1);
                byte[] sealed = rs.getBytes(4);
                byte[] secret = sealed == null ? new byte[0] : cipher.get().open(sealed, role, endpoint);
                EndpointCredential credential = new EndpointCredential(endpoint, EndpointCredential.Kind.valueOf(rs.getString(2)),
                    rs.getString(3), secret);
                Arrays.fill(secret, (byte) 0); // the record holds its own copy
                return Optional.of(credential);
            }
        }
    }
}
