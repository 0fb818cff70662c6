package org.gatehouse.lwm2m.codec.impl;

import java.util.List;

/** One parsed TLV: kind, id, and either raw value bytes or nested entries. */
record TlvEntry(Kind kind, int id, int offset, byte[] value, List<TlvEntry> children) {

    enum Kind {
        OBJECT_INSTANCE(0), RESOURCE_INSTANCE(1), MULTIPLE_RESOURCE(2), RESOURCE(3);

        final int bits;

        Kind(int bits) {
            this.bits = bits;
        }

        boolean nested() {
            return this == OBJECT_INSTANCE || this == MULTIPLE_RESOURCE;
        }
    }
}
