package org.gatehouse.bsserver.storage.jdbc;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values {@link SecretCipher} opened, kept by what was opened: the same sealed bytes under the same
 * associated data open to the same plaintext (AES-GCM authenticates both), so a row read again skips
 * the cipher. A changed row is new sealed bytes (a fresh nonce each time), hence a miss: nothing is
 * served stale. Only memory holds these; the database keeps the sealed values. At most {@link #MAX}
 * values and {@link #MAX_BYTES} bytes, the least recently used dropped first.
 */
final class OpenedValues {

    static final int MAX = 4096;
    static final long MAX_BYTES = 8L << 20;

    private record Key(String associated, ByteBuffer sealed) {
    }

    private final Map<Key, byte[]> values = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** A copy of the plaintext of {@code sealed} opened under {@code associated}, or null when not kept. */
    byte[] get(String associated, byte[] sealed) {
        byte[] plain;
        synchronized (values) {
            plain = values.get(new Key(associated, ByteBuffer.wrap(sealed)));
        }
        return plain == null ? null : plain.clone();
    }

    void put(String associated, byte[] sealed, byte[] plain) {
        long size = size(sealed, plain);
        if (size > MAX_BYTES / 16) {
            return; // a document that large is read rarely enough to be opened each time
        }
        Key key = new Key(associated, ByteBuffer.wrap(sealed.clone()));
        byte[] copy = plain.clone();
        synchronized (values) {
            byte[] old = values.put(key, copy);
            bytes += size - (old == null ? 0 : size(sealed, old));
            for (Iterator<Map.Entry<Key, byte[]>> it = values.entrySet().iterator(); it.hasNext() && (values.size() > MAX || bytes > MAX_BYTES);) {
                Map.Entry<Key, byte[]> eldest = it.next();
                bytes -= size(eldest.getKey().sealed().array(), eldest.getValue());
                it.remove();
            }
        }
    }

    int size() {
        synchronized (values) {
            return values.size();
        }
    }

    private static long size(byte[] sealed, byte[] plain) {
        return sealed.length + (long) plain.length;
    }
}
