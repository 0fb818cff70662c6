package org.gatehouse.bsserver.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StoredConfig;

/** The storage contract in memory, for unit tests of one class. */
public final class MemoryStorage implements BootstrapStorage {

    private final Map<String, StoredConfig> configs = new TreeMap<>();
    private final Map<CredentialRole, Map<String, EndpointCredential>> credentials = Map.of(CredentialRole.BOOTSTRAP_SERVER,
        new ConcurrentHashMap<>(), CredentialRole.LWM2M_SERVER, new ConcurrentHashMap<>());
    private final Map<Long, SessionRecord> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean writesBehind;

    /** Says it writes sessions behind, as the JDBC engines do (it writes them at once either way). */
    public void writeSessionsBehind(boolean behind) {
        writesBehind = behind;
    }

    @Override
    public boolean writesSessionsBehind() {
        return writesBehind;
    }

    @Override
    public synchronized StoredConfig putConfig(String key, String json) {
        long revision = configs.containsKey(key) ? configs.get(key).revision() + 1 : 1;
        StoredConfig c = new StoredConfig(key, json, revision, Instant.now());
        configs.put(key, c);
        return c;
    }

    @Override
    public synchronized boolean removeConfig(String key) {
        return configs.remove(key) != null;
    }

    @Override
    public synchronized Optional<StoredConfig> config(String key) {
        return Optional.ofNullable(configs.get(key));
    }

    @Override
    public synchronized List<StoredConfig> configs() {
        return List.copyOf(configs.values());
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
        credentials.get(role).put(credential.endpoint(), credential);
    }

    @Override
    public boolean removeCredential(CredentialRole role, String endpoint) {
        return credentials.get(role).remove(endpoint) != null;
    }

    @Override
    public Optional<EndpointCredential> credential(CredentialRole role, String endpoint) {
        return Optional.ofNullable(credentials.get(role).get(endpoint));
    }

    @Override
    public Optional<EndpointCredential> credentialByIdentity(CredentialRole role, EndpointCredential.Kind kind, String identity) {
        return credentials.get(role).values().stream().filter(c -> c.kind() == kind && c.identity().equals(identity)).findFirst();
    }

    @Override
    public long sessionStarted(String endpoint, String node) {
        long id = ids.incrementAndGet();
        sessions.put(id, new SessionRecord(id, endpoint, node, Instant.now(), Optional.empty(), Optional.empty(), List.of()));
        return id;
    }

    @Override
    public synchronized void sessionEvent(long sessionId, String event) {
        SessionRecord r = sessions.get(sessionId);
        List<String> events = new ArrayList<>(r.events());
        events.add(event);
        sessions.put(sessionId, new SessionRecord(r.id(), r.endpoint(), r.node(), r.started(), r.ended(), r.outcome(), events));
    }

    @Override
    public synchronized void sessionEnded(long sessionId, String outcome) {
        SessionRecord r = sessions.get(sessionId);
        sessions.put(sessionId, new SessionRecord(r.id(), r.endpoint(), r.node(), r.started(), Optional.of(Instant.now()), Optional.of(outcome),
            r.events()));
    }

    @Override
    public List<SessionRecord> sessions(Optional<String> endpoint, int limit) {
        return sessions.values().stream().filter(r -> endpoint.isEmpty() || r.endpoint().equals(endpoint.get()))
            .sorted(Comparator.comparingLong(SessionRecord::id).reversed()).limit(limit).toList();
    }

    @Override
    public boolean claim(String endpoint, String node, Duration lease) {
        return claims.computeIfAbsent(endpoint, e -> node).equals(node);
    }

    @Override
    public void release(String endpoint, String node) {
        claims.remove(endpoint, node);
    }
}
