package org.gatehouse.lwm2m.codec.impl;

import java.util.Arrays;
import java.util.List;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * How the codec fuzz tests turn Jazzer's bytes into a decode: the first byte picks the request path (or,
 * one value past the paths, a decode of several objects as a factory file or Bootstrap-Pack is read); the
 * rest is the payload. A CodecException is the expected refusal; anything else escapes and is a finding.
 */
final class FuzzDecoding {

    /** Every level and every resource type of the all-types object 33000, and core objects with their models. */
    static final List<LwM2mPath> PATHS = List.of(LwM2mPath.of(0), LwM2mPath.of(0, 0), LwM2mPath.of(0, 0, 0),
        LwM2mPath.of(0, 0, 3), LwM2mPath.of(1, 0), LwM2mPath.of(3), LwM2mPath.of(3, 0), LwM2mPath.of(3, 0, 0),
        LwM2mPath.of(3, 0, 7), LwM2mPath.of(3, 0, 7).append(1), LwM2mPath.of(33000), LwM2mPath.of(33000, 0),
        LwM2mPath.of(33000, 0, 0), LwM2mPath.of(33000, 0, 1), LwM2mPath.of(33000, 0, 2), LwM2mPath.of(33000, 0, 3),
        LwM2mPath.of(33000, 0, 4), LwM2mPath.of(33000, 0, 5), LwM2mPath.of(33000, 0, 6), LwM2mPath.of(33000, 0, 7),
        LwM2mPath.of(33000, 0, 11), LwM2mPath.of(33000, 0, 11).append(0), LwM2mPath.of(33000, 0, 17).append(3), LwM2mPath.of(2), LwM2mPath.of(1));

    private FuzzDecoding() {
    }

    static void decode(ContentCodec codec, byte[] input) {
        if (input.length == 0) {
            return;
        }
        int pick = (input[0] & 0xFF) % (PATHS.size() + 1);
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        try {
            if (pick == PATHS.size()) {
                codec.decodeObjects(payload, TestModels.MODELS);
            } else {
                codec.decode(payload, PATHS.get(pick), TestModels.MODELS);
            }
        } catch (CodecException refused) {
            // the expected answer to bad bytes
        }
    }
}
