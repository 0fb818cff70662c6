package org.gatehouse.bsserver.storage.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.bsserver.storage.StoredConfig;

/**
 * Which configuration keys an embedded database holds, and the prefix configurations themselves, so that
 * finding an endpoint's configuration asks the database nothing (a configuration of its own: one read by
 * key). Exact because every write of the file is made in this process: {@link Configs} applies its own
 * writes here under {@link #writes}, in the same order as their transactions commit. Loaded at the first
 * lookup; at most {@link #MAX_KEYS} exact keys and {@link #MAX_PREFIXES} prefixes of at most
 * {@link #MAX_PREFIX_CHARS} characters in all, beyond which lookups go to the database as before.
 */
final class ConfigIndex extends LocalIndex {

    static final int MAX_KEYS = 200_000;
    static final int MAX_PREFIXES = 10_000;
    /** The prefix documents kept, in characters all together (about 8 MiB). */
    static final long MAX_PREFIX_CHARS = 4L << 20;

    private final Map<String, Boolean> exact = new ConcurrentHashMap<>(); // key -> present
    private final Map<String, StoredConfig> prefixes = new ConcurrentHashMap<>();
    private long prefixChars; // guarded by writes

    @Override
    void clear() {
        exact.clear();
        prefixes.clear();
        prefixChars = 0;
    }

    /** Loads from what the database holds now, unless it holds too many keys to index. Call under {@link #writes}. */
    void load(List<String> exactKeys, List<StoredConfig> prefixConfigs) {
        invalidate();
        if (exactKeys.size() > MAX_KEYS || prefixConfigs.size() > MAX_PREFIXES) {
            refuse();
            return;
        }
        exactKeys.forEach(k -> exact.put(k, Boolean.TRUE));
        prefixConfigs.forEach(c -> prefixes.put(c.key(), c));
        prefixChars = prefixConfigs.stream().mapToLong(c -> c.json().length()).sum();
        if (prefixChars <= MAX_PREFIX_CHARS) {
            loaded();
        } else {
            refuse();
        }
    }

    /** A stored (or replaced) configuration. Call under {@link #writes}, once committed. */
    void put(StoredConfig config) {
        if (!usable()) {
            return;
        }
        if (isPrefix(config.key())) {
            StoredConfig before = prefixes.put(config.key(), config);
            prefixChars += config.json().length() - (before == null ? 0 : before.json().length());
        } else {
            exact.put(config.key(), Boolean.TRUE);
        }
        if (exact.size() > MAX_KEYS || prefixes.size() > MAX_PREFIXES || prefixChars > MAX_PREFIX_CHARS) {
            refuse();
        }
    }

    /** A removed configuration. Call under {@link #writes}, once committed. */
    void remove(String key) {
        StoredConfig before = prefixes.remove(key);
        if (before != null) {
            prefixChars -= before.json().length();
        }
        exact.remove(key);
    }

    /** The best stored key: a prefix's configuration ({@code config} set), or an endpoint's own key to read. */
    record Hit(String key, StoredConfig config) {
    }

    /** The best stored key of {@code candidates} (see BootstrapStorage.candidateKeys). */
    Optional<Hit> best(List<String> candidates) {
        for (String key : candidates) {
            StoredConfig prefix = prefixes.get(key);
            if (prefix != null) {
                return Optional.of(new Hit(key, prefix));
            }
            if (exact.containsKey(key)) {
                return Optional.of(new Hit(key, null));
            }
        }
        return Optional.empty();
    }

    static boolean isPrefix(String key) {
        return key.endsWith("*");
    }
}
