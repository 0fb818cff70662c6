package org.gatehouse.bsserver.storage.jdbc;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.gatehouse.bsserver.storage.CredentialRole.BOOTSTRAP_SERVER;
import static org.gatehouse.bsserver.storage.CredentialRole.LWM2M_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.EndpointCredential.Kind;
import org.gatehouse.bsserver.storage.StorageException;
import org.junit.jupiter.api.Test;

/**
 * Part of the engine contract ({@link StorageContract}): the credentials endpoints use toward the
 * gateway's LwM2M server, kept apart from those toward the bootstrap server (schema version 4).
 */
abstract class LwM2mServerCredentialContract extends SessionRetentionContract {

    private static final EndpointCredential BS = new EndpointCredential("ep", Kind.PSK, "ep-bs", "bootstrap-key".getBytes(UTF_8));
    private static final EndpointCredential DM = new EndpointCredential("ep", Kind.PSK, "ep-dm", "lwm2m-server-key".getBytes(UTF_8));

    @Test
    void each_role_has_its_own_credential_of_an_endpoint_and_its_own_identities() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(BS);
        s.putCredential(LWM2M_SERVER, DM);

        assertEquals(Optional.of(BS), s.credential("ep"));
        assertEquals(Optional.of(BS), s.credential(BOOTSTRAP_SERVER, "ep"), "the role-less calls are the bootstrap-server role");
        assertEquals(Optional.of(DM), s.credential(LWM2M_SERVER, "ep"));
        assertEquals(Optional.of(DM), s.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-dm"));
        assertEquals(Optional.of(BS), s.credentialByIdentity(BOOTSTRAP_SERVER, Kind.PSK, "ep-bs"));
        assertEquals(Optional.empty(), s.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-bs"), "a bootstrap key opens no LwM2M-server session");
        assertEquals(Optional.empty(), s.credentialByIdentity(Kind.PSK, "ep-dm"), "nor the other way round");

        // one identity may serve both roles, even for two endpoints: the roles do not see each other
        EndpointCredential other = new EndpointCredential("other", Kind.PSK, "ep-bs", new byte[] {1});
        s.putCredential(LWM2M_SERVER, other);
        assertEquals(Optional.of(other), s.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-bs"));
        assertEquals(Optional.of(BS), s.credentialByIdentity(Kind.PSK, "ep-bs"));
    }

    @Test
    void an_lwm2m_server_credential_is_replaced_and_removed_without_touching_the_bootstrap_one() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(BS);
        s.putCredential(LWM2M_SERVER, DM);
        byte[] spki = {0x30, 0x59, 0x30, 0x13};
        EndpointCredential rpk = new EndpointCredential("ep", Kind.RPK, java.util.Base64.getEncoder().encodeToString(spki), null);
        s.putCredential(LWM2M_SERVER, rpk);
        assertEquals(Optional.of(rpk), s.credential(LWM2M_SERVER, "ep"));
        assertEquals(0, s.credential(LWM2M_SERVER, "ep").orElseThrow().secret().length);
        assertEquals(Optional.empty(), s.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-dm"), "the old identity went with it");

        EndpointCredential x509 = new EndpointCredential("ep", Kind.X509, "ep", null);
        s.putCredential(LWM2M_SERVER, x509);
        assertEquals(Optional.of(x509), s.credentialByIdentity(LWM2M_SERVER, Kind.X509, "ep"));

        assertTrue(s.removeCredential(LWM2M_SERVER, "ep"));
        assertFalse(s.removeCredential(LWM2M_SERVER, "ep"));
        assertEquals(Optional.empty(), s.credential(LWM2M_SERVER, "ep"));
        assertEquals(Optional.of(BS), s.credential("ep"), "the bootstrap-server credential stays");
        assertTrue(s.removeCredential("ep"));
        assertEquals(Optional.empty(), s.credential(BOOTSTRAP_SERVER, "ep"));
    }

    @Test
    void an_identity_of_another_endpoint_in_the_lwm2m_server_role_is_refused_and_nothing_changes() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(LWM2M_SERVER, DM);
        EndpointCredential mine = new EndpointCredential("mine", Kind.PSK, "mine-dm", new byte[] {2});
        s.putCredential(LWM2M_SERVER, mine);
        StorageException e = assertThrows(StorageException.class,
            () -> s.putCredential(LWM2M_SERVER, new EndpointCredential("mine", Kind.PSK, "ep-dm", new byte[] {3})));
        assertTrue(e.getMessage().contains("already the identity of ep"), e.getMessage());
        assertEquals(Optional.of(mine), s.credential(LWM2M_SERVER, "mine"));
        assertEquals(Optional.of(DM), s.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-dm"));
    }

    @Test
    void an_lwm2m_server_key_is_sealed_in_its_row_and_a_bootstrap_secret_moved_there_does_not_decrypt() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(BS);
        s.putCredential(LWM2M_SERVER, DM);
        byte[] row = s.database().call("raw read", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT secret FROM bs_lwm2m_credential WHERE endpoint = 'ep'");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        });
        assertFalse(new String(row, ISO_8859_1).contains("lwm2m-server-key"), "plain key in the row");
        // same endpoint, other role: the role is bound into the sealed value too
        s.database().call("swap", c -> Database.update(c,
            "UPDATE bs_lwm2m_credential SET secret = (SELECT secret FROM bs_credential WHERE endpoint = 'ep') WHERE endpoint = 'ep'"));
        StorageException e = assertThrows(StorageException.class, () -> s.credential(LWM2M_SERVER, "ep"));
        assertFalse(e.getMessage().contains("bootstrap-key"));
        assertEquals(Optional.of(BS), s.credential("ep"));
    }

    @Test
    void a_database_of_schema_version_3_keeps_its_credentials_and_gains_the_lwm2m_server_role() {
        JdbcBootstrapStorage before = storage("a");
        // as version 3 left it: a credential without secret (so no key is needed to write it here)
        new SchemaMigrator(before.database(), SchemaMigrator.SCRIPTS.subList(0, 3)).migrate();
        before.database().call("a row of version 3", c -> Database.update(c,
            "INSERT INTO bs_credential (endpoint, kind, identity, secret) VALUES ('ep', 'RPK', 'AQID', NULL)"));
        before.close();

        JdbcBootstrapStorage after = storage("b");
        EndpointCredential kept = new EndpointCredential("ep", Kind.RPK, "AQID", null);
        assertEquals(Optional.of(kept), after.credential("ep"));
        assertEquals(SchemaMigrator.SCRIPTS.size(), after.schemaVersion());
        assertEquals(Optional.empty(), after.credential(LWM2M_SERVER, "ep"));
        after.putCredential(LWM2M_SERVER, DM);
        assertEquals(Optional.of(DM), after.credentialByIdentity(LWM2M_SERVER, Kind.PSK, "ep-dm"));
        assertEquals(Optional.of(kept), after.credential("ep"));
    }
}
