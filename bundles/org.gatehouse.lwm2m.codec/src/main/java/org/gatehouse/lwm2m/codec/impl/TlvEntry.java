package org.gatehouse.lwm2m.codec.impl;

import java.util.List;

/**
 * One parsed TLV: kind, id, and either its value (bytes {@code start} to {@code start + length} of
 * {@code data}, the payload itself: values are read in place rather than copied out) or nested entries.
 */
record TlvEntry(Kind kind, int id, int offset, byte[] data, int start, int length, List<TlvEntry> children) {

    /** A copy of the value bytes. */
    byte[] value() {
        return java.util.Arrays.copyOfRange(data, start, start + length);
    }

    enum Kind {
        OBJECT_INSTANCE(0), RESOURCE_INSTANCE(1), MULTIPLE_RESOURCE(2), RESOURCE(3);

        final int bits;

        // values() copies its array on every call, once per TLV read
        private static final Kind[] BY_BITS = values();

        static Kind of(int bits) {
            return BY_BITS[bits];
        }

        Kind(int bits) {
            this.bits = bits;
        }

        boolean nested() {
            return this == OBJECT_INSTANCE || this == MULTIPLE_RESOURCE;
        }
    }
}
