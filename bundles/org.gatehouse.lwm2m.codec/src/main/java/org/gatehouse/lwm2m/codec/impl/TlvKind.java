package org.gatehouse.lwm2m.codec.impl;

/** The four kinds of OMA TLV, by the two top bits of the type byte. */
enum TlvKind {
    OBJECT_INSTANCE(0), RESOURCE_INSTANCE(1), MULTIPLE_RESOURCE(2), RESOURCE(3);

    final int bits;

    // values() copies its array on every call, once per TLV read
    private static final TlvKind[] BY_BITS = values();

    static TlvKind of(int bits) {
        return BY_BITS[bits];
    }

    TlvKind(int bits) {
        this.bits = bits;
    }

    boolean nested() {
        return this == OBJECT_INSTANCE || this == MULTIPLE_RESOURCE;
    }
}
