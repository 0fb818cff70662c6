package org.gatehouse.lwm2m.codec.impl;

import java.util.function.Supplier;

import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * Where in a TLV payload a value is decoded, for error messages. One per decode, moved from value to
 * value: a message (or a lambda to build one) per value would cost more than the decoding itself. The
 * text is built only when there is an error to report.
 */
final class TlvPlace implements Supplier<String> {

    private final int objectId;
    private final LwM2mPath path; // a resource instance path's own value: named by its path
    private int at;
    private int resourceId;
    private int instanceId = -1;

    /** The message prefixed with the format, as the value checks shared with other formats want it. */
    final Supplier<String> prefixed = () -> "TLV: " + get();

    TlvPlace(int objectId, LwM2mPath path) {
        this.objectId = objectId;
        this.path = path;
    }

    /** A single resource's value, its TLV at byte {@code at}. */
    TlvPlace resource(int at, int resourceId) {
        this.at = at;
        this.resourceId = resourceId;
        this.instanceId = -1;
        return this;
    }

    /** Instance {@code instanceId} of the resource last given to {@link #resource}, its TLV at byte {@code at}. */
    TlvPlace instance(int at, int instanceId) {
        this.at = at;
        this.instanceId = instanceId;
        return this;
    }

    @Override
    public String get() {
        if (path != null) {
            return "at byte 0, " + path;
        }
        String resource = "resource " + objectId + "/*/" + resourceId;
        return "at byte " + at + ", " + (instanceId < 0 ? resource : "instance " + instanceId + " of " + resource);
    }
}
