package org.gatehouse.bsserver.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a bootstrap server keeps what it serves and what it did. Every method is atomic on its own
 * and safe to call from many threads (and, for shared engines, from many nodes). Failures of the
 * engine surface as {@link StorageException}.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapStorage {

    /** Service property (String): the engine, e.g. "h2" or "postgresql". */
    String ENGINE = "gatehouse.bsserver.storage.engine";

    /**
     * The name of the node this storage serves, as configured with the engine (unique among the nodes
     * sharing one database): what the bootstrap server passes to {@link #claim} and
     * {@link #sessionStarted}. The default, for engines that are not configured with one, is the host
     * name and the process id.
     *
     * @since 1.0.0
     */
    default String node() {
        return localNodeName();
    }

    /**
     * This process's default node name: the host name and the process id, e.g. "gw-17:4242".
     *
     * @since 1.0.0
     */
    static String localNodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    // --- configurations ---------------------------------------------------------------------

    /**
     * Inserts or replaces the configuration stored under {@code key} (an endpoint name, or a prefix
     * ending in {@code *} serving every endpoint whose name starts with it). The document is kept as
     * given; the bootstrap server parses and validates it before storing.
     *
     * @return the stored record with its new revision
     */
    StoredConfig putConfig(String key, String json);

    boolean removeConfig(String key);

    Optional<StoredConfig> config(String key);

    /** Every configuration, ordered by key. */
    List<StoredConfig> configs();

    /**
     * The configuration that serves {@code endpoint}: the one stored under its name, else the one of
     * the longest prefix key it starts with ({@code "*"} serves every endpoint). Engines answer it in
     * one query; this default asks {@link #config} for each candidate key, longest first.
     *
     * @since 1.1.0
     */
    default Optional<StoredConfig> configFor(String endpoint) {
        for (String key : candidateKeys(endpoint)) {
            Optional<StoredConfig> c = config(key);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * The keys whose configuration may serve {@code endpoint}, best first: its name, then its
     * prefixes followed by {@code *}, longest first, down to {@code "*"}.
     *
     * @since 1.1.0
     */
    static List<String> candidateKeys(String endpoint) {
        List<String> keys = new java.util.ArrayList<>(endpoint.length() + 2);
        keys.add(endpoint);
        for (int end = endpoint.length(); end >= 0; end--) {
            keys.add(endpoint.substring(0, end) + "*");
        }
        return keys;
    }

    // --- credentials ------------------------------------------------------------------------

    /**
     * Inserts or replaces the bootstrap-server credential of {@code credential.endpoint()}; secrets are
     * kept encrypted. The same as {@link #putCredential(CredentialRole, EndpointCredential)} for
     * {@link CredentialRole#BOOTSTRAP_SERVER}, as are the three methods below.
     */
    void putCredential(EndpointCredential credential);

    boolean removeCredential(String endpoint);

    Optional<EndpointCredential> credential(String endpoint);

    /** The credential whose {@link EndpointCredential#identity()} is {@code identity} for that kind. */
    Optional<EndpointCredential> credentialByIdentity(EndpointCredential.Kind kind, String identity);

    /**
     * Inserts or replaces the credential {@code credential.endpoint()} uses toward {@code role}; secrets
     * are kept encrypted. An identity already held by another endpoint in that role and kind is refused
     * with a {@link StorageException}; the roles do not see each other's identities.
     *
     * @since 1.1.0
     */
    void putCredential(CredentialRole role, EndpointCredential credential);

    /**
     * Removes the credential {@code endpoint} uses toward {@code role}; false when it had none.
     *
     * @since 1.1.0
     */
    boolean removeCredential(CredentialRole role, String endpoint);

    /**
     * The credential {@code endpoint} uses toward {@code role}.
     *
     * @since 1.1.0
     */
    Optional<EndpointCredential> credential(CredentialRole role, String endpoint);

    /**
     * The credential of {@code role} whose {@link EndpointCredential#identity()} is {@code identity} for
     * that kind: how a server finds the endpoint behind a DTLS identity.
     *
     * @since 1.1.0
     */
    Optional<EndpointCredential> credentialByIdentity(CredentialRole role, EndpointCredential.Kind kind, String identity);

    // --- session log ------------------------------------------------------------------------

    /** Records the start of a session and returns its id. */
    long sessionStarted(String endpoint, String node);

    /**
     * Appends one request of a session, e.g. "WRITE /0/1 2.04". An engine may write events and ends
     * behind the caller (see its documentation for how much a crash may lose); {@link #sessions} on
     * the same storage always sees them.
     */
    void sessionEvent(long sessionId, String event);

    /** Records how a session ended: "success", "failed: …", "abandoned: …". */
    void sessionEnded(long sessionId, String outcome);

    /** Most recent first; {@code endpoint} empty for every endpoint. */
    List<SessionRecord> sessions(Optional<String> endpoint, int limit);

    /**
     * Ends, with an outcome starting "abandoned:", the open sessions that started more than
     * {@code grace} ago and whose node holds no unexpired claim on their endpoint: a running session
     * always has one, so these were left by a node that died (after its device finished, say, so that
     * no other node ever takes the endpoint over). Nodes call this every lease or so.
     *
     * @return how many sessions it ended
     * @since 1.1.0
     */
    default int endOrphanedSessions(Duration grace) {
        return 0;
    }

    // --- claims (several nodes, one fleet) --------------------------------------------------

    /**
     * Claims {@code endpoint} for {@code node} for {@code lease}: true when no other node holds an
     * unexpired claim on it (a claim of a node that died expires with its lease). Renewing one's own
     * claim succeeds. Taking over another node's expired claim also ends that node's open sessions
     * of {@code endpoint} with an outcome starting "abandoned:", since they can no longer finish.
     */
    boolean claim(String endpoint, String node, Duration lease);

    /** Drops {@code node}'s claim on {@code endpoint}, if it holds one. */
    void release(String endpoint, String node);

    /**
     * Records how a session ended, as {@link #sessionEnded} does, then drops its node's claim on
     * {@code endpoint}, as {@link #release} does. An engine may write both behind the caller, as it may
     * write ends: until then other nodes find the endpoint claimed a moment longer (a crash meanwhile
     * leaves the claim to expire with its lease), and a claim of it through this storage waits for them.
     *
     * @since 1.2.0
     */
    default void sessionEndedAndReleased(long sessionId, String outcome, String endpoint, String node) {
        sessionEnded(sessionId, outcome);
        release(endpoint, node);
    }

    /**
     * True when {@link #sessionEvent} and {@link #sessionEndedAndReleased} of a session begun with
     * {@link #claimAndStart} only queue their writes for a thread of the engine's own (waiting only
     * while that queue is full, that is while the database is behind). The bootstrap server then
     * records a session's end on the thread that saw it end, a network thread, instead of handing it to
     * a thread of its own. False, the default, keeps those calls off the network's threads.
     *
     * @since 1.3.0
     */
    default boolean writesSessionsBehind() {
        return false;
    }

    /**
     * Claims {@code endpoint} for {@code node} as {@link #claim} does and, when that succeeds, records
     * the start of a session as {@link #sessionStarted} does: the session's id, else empty (another
     * node's claim). An engine may do both at once (one transaction); this default makes both calls.
     *
     * @since 1.2.0
     */
    default OptionalLong claimAndStart(String endpoint, String node, Duration lease) {
        if (!claim(endpoint, node, lease)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(sessionStarted(endpoint, node));
        } catch (RuntimeException e) {
            release(endpoint, node);
            throw e;
        }
    }
}
