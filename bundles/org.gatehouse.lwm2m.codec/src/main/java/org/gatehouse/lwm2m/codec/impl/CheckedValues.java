package org.gatehouse.lwm2m.codec.impl;

import java.time.Instant;
import java.util.function.Supplier;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.Value;

/**
 * Times and floats built from decoded numbers, refused (as a CodecException, never the model's unchecked
 * exception) when an LwM2M value cannot hold them. {@code where} names the format and the place.
 */
final class CheckedValues {

    // Value keeps a time as an Instant, whose range (about 1e9 years either way) is narrower than an int64.
    private static final long MIN_TIME = Instant.MIN.getEpochSecond();
    private static final long MAX_TIME = Instant.MAX.getEpochSecond();

    private CheckedValues() {
    }

    static Value time(long seconds, Supplier<String> where) throws CodecException {
        if (seconds < MIN_TIME || seconds > MAX_TIME) {
            throw new CodecException(where.get() + ": time " + seconds + " is out of range (" + MIN_TIME + ".." + MAX_TIME + " s)");
        }
        return Value.time(seconds);
    }

    /**
     * LwM2M floats are finite: plain text and JSON cannot carry NaN or an infinity, so a stored one could
     * not be read back in every format.
     */
    static Value floating(double d, Supplier<String> where) throws CodecException {
        if (!Double.isFinite(d)) {
            throw new CodecException(where.get() + ": float " + d + " is not a finite number");
        }
        return Value.floating(d);
    }
}
