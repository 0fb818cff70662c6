package org.gatehouse.bsserver.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * Configurations parsed once and their session plans encoded once, kept by document text: a document
 * read from the storage is looked up here, so a changed document (on this node or another) is a new
 * key and never served stale; only the parsing is saved. At most {@link #MAX} documents are kept,
 * the least recently used dropped first.
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

    private final ConfigParser parser;
    private final Map<String, Parsed> byDocument = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > MAX;
        }
    };

    ConfigCache(ConfigParser parser) {
        this.parser = parser;
    }

    /** {@code json} parsed: from the cache when the same document was parsed before. */
    Parsed parse(String json) throws InvalidConfigException {
        synchronized (byDocument) {
            Parsed p = byDocument.get(json);
            if (p != null) {
                return p;
            }
        }
        Parsed parsed = new Parsed(parser.parse(json)); // outside the lock: parsing takes a while
        synchronized (byDocument) {
            return byDocument.merge(json, parsed, (old, mine) -> old);
        }
    }

    int size() {
        synchronized (byDocument) {
            return byDocument.size();
        }
    }
}
