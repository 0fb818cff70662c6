package org.gatehouse.bsserver.impl;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * Configurations parsed once and their session plans encoded once, kept by document text: a document
 * read from the storage is looked up here, so a changed document (on this node or another) is a new
 * key and never served stale; only the parsing is saved. At most {@link #MAX} documents are kept;
 * beyond, those not used since last passed over go first (a second chance, close to least recently used).
 */
final class ConfigCache {

    static final int MAX = 1024;

    /** A parsed configuration and its plans, one per codec it was encoded with. */
    static final class Parsed {
        private final EndpointConfig config;
        private final Map<ContentCodec, List<Step>> plans = new ConcurrentHashMap<>();

        Parsed(EndpointConfig config) {
            this.config = config;
        }

        EndpointConfig config() {
            return config;
        }

        /** The session's requests with {@code codec}'s writes (immutable, shared by every session of this document). */
        List<Step> plan(ContentCodec codec, ModelLookup models) throws CodecException {
            List<Step> plan = plans.get(codec);
            if (plan == null) {
                plan = List.copyOf(SessionPlan.of(config, codec, models));
                plans.putIfAbsent(codec, plan);
            }
            return plan;
        }
    }

    /** A kept document's parse; {@code used} since the eviction last passed over it. */
    private static final class Entry {
        final Parsed parsed;
        volatile boolean used;

        Entry(Parsed parsed) {
            this.parsed = parsed;
        }
    }

    private final ConfigParser parser;
    // lock-free reads: a request never waits for a thread the scheduler parked while holding a lock
    private final Map<String, Entry> byDocument = new ConcurrentHashMap<>(64);
    private final Queue<String> order = new ConcurrentLinkedQueue<>(); // each kept document once, oldest pass first

    ConfigCache(ConfigParser parser) {
        this.parser = parser;
    }

    /** {@code json} parsed: from the cache when the same document was parsed before. */
    Parsed parse(String json) throws InvalidConfigException {
        Entry e = byDocument.get(json);
        if (e != null) {
            e.used = true;
            return e.parsed;
        }
        Parsed parsed = new Parsed(parser.parse(json)); // outside the lock: parsing takes a while
        synchronized (order) {
            Entry kept = byDocument.putIfAbsent(json, new Entry(parsed));
            if (kept != null) {
                return kept.parsed;
            }
            order.add(json);
            while (byDocument.size() > MAX) { // beyond, the first not used since last passed over goes
                String eldest = order.poll();
                Entry old = byDocument.get(eldest);
                if (old.used) {
                    old.used = false;
                    order.add(eldest);
                } else {
                    byDocument.remove(eldest);
                }
            }
            return parsed;
        }
    }

    int size() {
        return byDocument.size();
    }
}
