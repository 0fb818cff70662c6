package org.gatehouse.bsserver.storage.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.bsserver.storage.EndpointCredential;

/**
 * Which endpoints hold a credential of one role in an embedded database, so that asking for the credential
 * of an endpoint that has none (every NoSec Bootstrap-Request asks) reads nothing; and the credentials last
 * found by identity (at most {@link #MAX_BY_IDENTITY}, dropped at every credential write), so that a PSK
 * bootstrap's second lookup (the handshake's, then the Bootstrap-Request's) reads nothing either. Exact for the same
 * reason as {@link ConfigIndex}: this process makes every write of the file, and applies its own here
 * under {@link #writes} in commit order. Loaded at the first lookup after each open; over
 * {@link #MAX_ENDPOINTS} endpoints, lookups read the database as before.
 */
final class CredentialIndex extends LocalIndex {

    static final int MAX_ENDPOINTS = 200_000;
    static final int MAX_BY_IDENTITY = 4096;

    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    private final Map<String, EndpointCredential> byIdentity = new ConcurrentHashMap<>(); // "KIND identity" -> found
    private volatile long generation; // changed under writes at every write: a lookup begun before must not be kept
    boolean holds(String endpoint) {
        return endpoints.contains(endpoint);
    }

    @Override
    void clear() {
        forgetIdentities();
        endpoints.clear();
    }

    /** Loads what the database holds now, unless too many. Call under {@link #writes}. */
    void load(List<String> stored) {
        invalidate();
        if (stored.size() > MAX_ENDPOINTS) {
            refuse();
            return;
        }
        endpoints.addAll(stored);
        loaded();
    }

    /** The credential last found for {@code identity} of {@code kind}, or null. */
    EndpointCredential found(EndpointCredential.Kind kind, String identity) {
        return byIdentity.get(kind + " " + identity);
    }

    /** Where a lookup by identity begins: {@link #remember} keeps its answer only if no write came meanwhile. */
    long generation() {
        return generation;
    }

    void remember(EndpointCredential credential, long since) {
        synchronized (writes) {
            if (generation == since) {
                if (byIdentity.size() >= MAX_BY_IDENTITY) {
                    byIdentity.clear();
                }
                byIdentity.put(credential.kind() + " " + credential.identity(), credential);
            }
        }
    }

    /** A stored credential. Call under {@link #writes}, once committed. */
    void put(String endpoint) {
        forgetIdentities();
        if (usable()) {
            endpoints.add(endpoint);
            if (endpoints.size() > MAX_ENDPOINTS) {
                refuse();
            }
        }
    }

    private void forgetIdentities() {
        generation++;
        byIdentity.clear();
    }

    /** A removed credential. Call under {@link #writes}, once committed. */
    void remove(String endpoint) {
        forgetIdentities();
        endpoints.remove(endpoint);
    }
}
