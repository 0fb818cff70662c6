package org.gatehouse.bsserver.storage.jdbc;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Values {@link SecretCipher} opened, kept by what was opened: the same sealed bytes under the same
 * associated data open to the same plaintext (AES-GCM authenticates both), so a row read again skips
 * the cipher. A changed row is new sealed bytes (a fresh nonce each time), hence a miss: nothing is
 * served stale. Only memory holds these; the database keeps the sealed values. At most {@link #MAX}
 * values and {@link #MAX_BYTES} bytes; beyond, those not used since they were last passed over go
 * first (a second chance, close to least recently used). Reads take no lock: a reader never waits for
 * a thread the scheduler parked while holding one (the request path's tail on a busy machine).
 */
final class OpenedValues {

    static final int MAX = 4096;
    static final long MAX_BYTES = 8L << 20;

    /** The sealed bytes and their owner; the hash is computed once. */
    private static final class Key {
        private final String associated;
        private final byte[] sealed;
        private final int hash;

        Key(String associated, byte[] sealed) {
            this.associated = associated;
            this.sealed = sealed;
            this.hash = 31 * associated.hashCode() + Arrays.hashCode(sealed);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && associated.equals(k.associated) && Arrays.equals(sealed, k.sealed);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Value {
        final byte[] plain;
        volatile boolean used;

        Value(byte[] plain) {
            this.plain = plain;
        }
    }

    private final Map<Key, Value> values = new ConcurrentHashMap<>(256);
    private final Queue<Key> order = new ConcurrentLinkedQueue<>(); // each kept key once, oldest pass first
    private long bytes; // under the lock of order

    /** A copy of the plaintext of {@code sealed} opened under {@code associated}, or null when not kept. */
    byte[] get(String associated, byte[] sealed) {
        Value v = values.get(new Key(associated, sealed));
        if (v == null) {
            return null;
        }
        v.used = true;
        return v.plain.clone();
    }

    void put(String associated, byte[] sealed, byte[] plain) {
        long size = size(sealed, plain);
        if (size > MAX_BYTES / 16) {
            return; // a document that large is read rarely enough to be opened each time
        }
        Key key = new Key(associated, sealed.clone());
        synchronized (order) {
            Value old = values.put(key, new Value(plain.clone()));
            if (old == null) {
                order.add(key);
            }
            bytes += size - (old == null ? 0 : size(sealed, old.plain));
            while (values.size() > MAX || bytes > MAX_BYTES) {
                Key eldest = order.poll();
                Value v = values.get(eldest);
                if (v.used && eldest != key) {
                    v.used = false;
                    order.add(eldest);
                } else {
                    values.remove(eldest);
                    bytes -= size(eldest.sealed, v.plain);
                }
            }
        }
    }

    int size() {
        return values.size();
    }

    private static long size(byte[] sealed, byte[] plain) {
        return sealed.length + (long) plain.length;
    }
}
