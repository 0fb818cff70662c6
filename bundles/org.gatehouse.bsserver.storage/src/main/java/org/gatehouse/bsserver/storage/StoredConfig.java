package org.gatehouse.bsserver.storage;

import java.time.Instant;

/**
 * One stored configuration.
 *
 * @param key      endpoint name, or a prefix ending in {@code *}
 * @param json     the configuration document as stored
 * @param revision increases with every put of this key
 * @param updated  when it was last put
 * @since 1.0.0
 */
public record StoredConfig(String key, String json, long revision, Instant updated) {
}
