package org.gatehouse.bsserver.storage.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StorageException;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BootstrapStorage} over JDBC, on an embedded H2 file or a PostgreSQL database. Nothing is
 * connected when it is created: the first call (or {@link #open()}) connects, migrates the schema and
 * checks the secret key; a failure there is reported to that caller and tried again on the next call.
 * Outside a framework, create one with {@link #h2} or {@link #postgresql} and close it after use.
 * Session events and ends are written behind (see {@link LogWriter}): {@link #sessions} on this object
 * sees them at once, other nodes a moment later, and {@link #close} writes what is still queued.
 */
public final class JdbcBootstrapStorage implements BootstrapStorage, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBootstrapStorage.class);
    private static final int POOL_SIZE = 8;

    private final Database database;
    private final String node;
    private final Path keyFile;
    private final Path embeddedFile;
    private final Configs configs;
    private final Credentials credentials;
    private final Credentials lwm2mServerCredentials;
    private final SessionLog sessions;
    private final SessionRetention retention;
    private final Claims claims;
    private volatile SecretCipher cipher;
    private volatile int schemaVersion;

    /** @param embeddedFile the database file of an embedded engine (its permissions are kept owner-only), or null */
    JdbcBootstrapStorage(Engine engine, String url, Properties properties, String described, String node, Path keyFile,
            Path embeddedFile) {
        this.node = requireName(node);
        this.keyFile = keyFile;
        this.embeddedFile = embeddedFile;
        this.database = new Database(engine, new ConnectionPool(engine.loadDriver(), url, properties, described, POOL_SIZE), described);
        // an embedded file is opened by this process alone: its claims and configuration index are kept in memory
        Embedded embedded = embeddedFile == null ? null : Embedded.of(embeddedFile);
        this.configs = new Configs(database, () -> cipher, embedded == null ? null : embedded.configs);
        this.credentials = new Credentials(database, () -> cipher, CredentialRole.BOOTSTRAP_SERVER,
            embedded == null ? null : embedded.bootstrapCredentials);
        this.lwm2mServerCredentials = new Credentials(database, () -> cipher, CredentialRole.LWM2M_SERVER,
            embedded == null ? null : embedded.lwm2mServerCredentials);
        this.sessions = new SessionLog(database, embedded);
        this.retention = new SessionRetention(database);
        this.claims = embedded == null ? new DatabaseClaims(database, sessions) : new LocalClaims(embedded.claims, database, sessions);
    }

    /**
     * An embedded H2 database {@code dir/bsserver} (created with owner-only permissions) and its key
     * file {@code dir/secret.key}.
     */
    public static JdbcBootstrapStorage h2(Path dir, String node) {
        return h2(dir.resolve("bsserver"), dir.resolve("secret.key"), "", "", node);
    }

    /** An embedded H2 database in the file {@code database} (H2 appends ".mv.db"). */
    static JdbcBootstrapStorage h2(Path database, Path keyFile, String user, String password, String node) {
        Path file = database.toAbsolutePath();
        try {
            OwnerOnly.createFolder(file.getParent());
        } catch (IOException e) {
            throw new StorageException("cannot create the folder of the H2 database " + file + ": " + e, e);
        }
        // TRACE_LEVEL_FILE=0: no .trace.db file, which would hold statements next to the data;
        // DB_CLOSE_ON_EXIT=FALSE: closed by close() (the component's deactivation), not by a JVM shutdown hook
        // that would outlive the bundle; QUERY_CACHE_SIZE: every statement of a session stays parsed on each pooled
        // connection (H2 keeps 8 by default, fewer than a session uses, so each was parsed again every time)
        String url = "jdbc:h2:file:" + file + ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        Properties properties = new Properties();
        properties.setProperty("user", user.isEmpty() ? "sa" : user);
        properties.setProperty("password", password);
        return new JdbcBootstrapStorage(Engine.H2, url, properties, "h2:" + file, node, keyFile, file);
    }

    /**
     * A PostgreSQL database shared by several nodes; every node must use a copy of the same
     * {@code keyFile} (created there when missing).
     *
     * @param url e.g. {@code jdbc:postgresql://db.example:5432/gatehouse}
     */
    public static JdbcBootstrapStorage postgresql(String url, String user, String password, String node, Path keyFile) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new StorageException("url '" + Redact.url(url) + "' is not a PostgreSQL JDBC url; set url in " + StorageComponent.PID
                + " to jdbc:postgresql://<host>:<port>/<database>");
        }
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        // a database that is down must not hold a caller (or the framework) for long
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "gatehouse-bsserver " + node);
        return new JdbcBootstrapStorage(Engine.POSTGRESQL, url, properties, Redact.url(url), node, keyFile, null);
    }

    /**
     * Connects, migrates the schema and checks the key file against the database, once; a failure is
     * thrown and the next call tries again.
     */
    public synchronized void open() {
        if (cipher != null) {
            return;
        }
        schemaVersion = new SchemaMigrator(database).migrate();
        if (embeddedFile != null) {
            try {
                OwnerOnly.restrictDatabaseFiles(embeddedFile); // H2 creates its file as the umask says
            } catch (IOException e) {
                LOG.warn("Could not make the files of {} owner-only: {}", embeddedFile, e.toString());
            }
        }
        SecretCipher loaded = KeyFile.load(keyFile);
        new KeyCheck(database, keyFile).verify(loaded);
        configs.sealClearDocuments(loaded); // before any use: readers see sealed documents only
        configs.reindex();
        credentials.reindex();
        lwm2mServerCredentials.reindex();
        cipher = loaded;
        LOG.info("Bootstrap-server storage ready on {} (schema version {}), node {}", database.described(), schemaVersion, node);
    }

    /** The engine: "h2" or "postgresql". */
    public String engine() {
        return database.engine().id();
    }

    @Override
    public String node() {
        return node;
    }

    /** The database as it may be shown: engine and file or url, never a password. */
    public String location() {
        return database.described();
    }

    /** The schema version in place; 0 before {@link #open()}. */
    public int schemaVersion() {
        return schemaVersion;
    }

    Database database() {
        return database;
    }

    private JdbcBootstrapStorage ready() {
        if (cipher == null) {
            open();
        }
        return this;
    }

    @Override
    public StoredConfig putConfig(String key, String json) {
        return ready().configs.put(key, json);
    }

    @Override
    public boolean removeConfig(String key) {
        return ready().configs.remove(key);
    }

    @Override
    public Optional<StoredConfig> config(String key) {
        return ready().configs.get(key);
    }

    @Override
    public Optional<StoredConfig> configFor(String endpoint) {
        return ready().configs.forEndpoint(endpoint);
    }

    @Override
    public List<StoredConfig> configs() {
        return ready().configs.all();
    }

    @Override
    public void putCredential(EndpointCredential credential) {
        putCredential(CredentialRole.BOOTSTRAP_SERVER, credential);
    }

    @Override
    public boolean removeCredential(String endpoint) {
        return removeCredential(CredentialRole.BOOTSTRAP_SERVER, endpoint);
    }

    @Override
    public Optional<EndpointCredential> credential(String endpoint) {
        return credential(CredentialRole.BOOTSTRAP_SERVER, endpoint);
    }

    @Override
    public Optional<EndpointCredential> credentialByIdentity(EndpointCredential.Kind kind, String identity) {
        return credentialByIdentity(CredentialRole.BOOTSTRAP_SERVER, kind, identity);
    }

    @Override
    public void putCredential(CredentialRole role, EndpointCredential credential) {
        ready().credentials(role).put(Objects.requireNonNull(credential, "credential"));
    }

    @Override
    public boolean removeCredential(CredentialRole role, String endpoint) {
        return ready().credentials(role).remove(endpoint);
    }

    @Override
    public Optional<EndpointCredential> credential(CredentialRole role, String endpoint) {
        return ready().credentials(role).byEndpoint(endpoint);
    }

    @Override
    public Optional<EndpointCredential> credentialByIdentity(CredentialRole role, EndpointCredential.Kind kind, String identity) {
        return ready().credentials(role).byIdentity(kind, identity);
    }

    private Credentials credentials(CredentialRole role) {
        return switch (Objects.requireNonNull(role, "role")) {
            case BOOTSTRAP_SERVER -> credentials;
            case LWM2M_SERVER -> lwm2mServerCredentials;
        };
    }

    @Override
    public long sessionStarted(String endpoint, String node) {
        return ready().sessions.started(endpoint, node);
    }

    @Override
    public void sessionEvent(long sessionId, String event) {
        ready().sessions.event(sessionId, event);
    }

    @Override
    public void sessionEnded(long sessionId, String outcome) {
        ready().sessions.ended(sessionId, outcome);
    }

    /**
     * The end written behind; on PostgreSQL the release too, in one batch with other ends (other nodes may
     * find the claim held for the writer's linger, about 20 ms, longer; a claim of the endpoint through this
     * storage waits for it); on H2 the claim, in memory, is dropped at once.
     */
    @Override
    public void sessionEndedAndReleased(long sessionId, String outcome, String endpoint, String node) {
        ready().claims.endedAndReleased(sessionId, outcome, endpoint, node);
    }

    @Override
    public List<SessionRecord> sessions(Optional<String> endpoint, int limit) {
        return ready().sessions.recent(endpoint, limit);
    }

    /**
     * Prunes the session log: sessions started more than {@code maxAge} ago (database time), and all
     * but the newest {@code maxCount}, with their events. Zero or less for either: no such limit.
     *
     * @return how many sessions were deleted
     */
    public int pruneSessions(Duration maxAge, int maxCount) {
        JdbcBootstrapStorage storage = ready();
        storage.sessions.flush(); // an end still queued here would make a finished session look running
        return storage.retention.prune(Objects.requireNonNull(maxAge, "maxAge"), maxCount);
    }

    @Override
    public int endOrphanedSessions(Duration grace) {
        return ready().claims.endOrphaned(grace);
    }

    /** On PostgreSQL in the database (see {@link DatabaseClaims}); on H2 in memory (see {@link LocalClaims}). */
    @Override
    public boolean claim(String endpoint, String node, Duration lease) {
        return ready().claims.claim(endpoint, node, lease);
    }

    /** Both engines queue a session's events and its end (with its claim's release) for the log writer. */
    @Override
    public boolean writesSessionsBehind() {
        return true;
    }

    /** On PostgreSQL the claim and the session's first row in one transaction; on H2 the claim in memory and the row. */
    @Override
    public OptionalLong claimAndStart(String endpoint, String node, Duration lease) {
        return ready().claims.claimAndStart(endpoint, node, lease);
    }

    /** How long the claim on {@code endpoint} has left (zero or less: expired), if there is one. */
    Optional<Duration> claimLeft(String endpoint) {
        return ready().claims.left(endpoint);
    }

    @Override
    public void release(String endpoint, String node) {
        ready().claims.release(endpoint, node);
    }

    /**
     * Writes the session-log rows still queued, then closes the pooled connections (an embedded H2
     * database closes with its last connection).
     */
    @Override
    public void close() {
        sessions.close();
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcBootstrapStorage[" + database.described() + ", node " + node + "]";
    }

    private static String requireName(String node) {
        if (node == null || node.isBlank() || node.length() > 255) {
            throw new IllegalArgumentException("node name must be 1 to 255 characters: " + node);
        }
        return node;
    }
}
