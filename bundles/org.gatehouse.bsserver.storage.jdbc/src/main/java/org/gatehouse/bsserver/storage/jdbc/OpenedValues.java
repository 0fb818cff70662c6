package org.gatehouse.bsserver.storage.jdbc;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values {@link SecretCipher} opened, kept by what was opened: the same sealed bytes under the same
 * associated data open to the same plaintext (AES-GCM authenticates both), so a row read again skips
 * the cipher. A changed row is new sealed bytes (a fresh nonce each time), hence a miss: nothing is
 * served stale. Only memory holds these; the database keeps the sealed values. At most {@link #MAX},
 * the least recently used dropped first.
 */
final class OpenedValues {

    static final int MAX = 4096;

    private record Key(String associated, ByteBuffer sealed) {
    }

    private final Map<Key, byte[]> values = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
            return size() > MAX;
        }
    };

    /** A copy of the plaintext of {@code sealed} opened under {@code associated}, or null when not kept. */
    byte[] get(String associated, byte[] sealed) {
        byte[] plain;
        synchronized (values) {
            plain = values.get(new Key(associated, ByteBuffer.wrap(sealed)));
        }
        return plain == null ? null : plain.clone();
    }

    void put(String associated, byte[] sealed, byte[] plain) {
        Key key = new Key(associated, ByteBuffer.wrap(sealed.clone()));
        byte[] copy = plain.clone();
        synchronized (values) {
            values.put(key, copy);
        }
    }

    int size() {
        synchronized (values) {
            return values.size();
        }
    }
}
