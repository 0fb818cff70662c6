package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import org.gatehouse.lwm2m.codec.CodecException;

/**
 * Jackson parsers for the JSON and CBOR formats, set up for untrusted payloads, and the one place that
 * turns their errors into located CodecExceptions.
 */
final class Parsers {

    /**
     * The deepest payload LwM2M defines nests 3 levels (LwM2M JSON: object, "e" array, entry); the rest
     * is room for skipped extension fields. Jackson's default (1000) would let a few kilobytes of brackets
     * through.
     */
    static final int MAX_DEPTH = 16;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();

    /** JSON with duplicate keys refused: a record that says "v" twice has no single meaning. */
    static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(CONSTRAINTS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * CBOR likewise; negative bignums (tag 3) decoded as RFC 8949 says (-1 - n; Jackson's default is -n),
     * and simple values reported as such rather than as integers.
     */
    static final CBORFactory CBOR = CBORFactory.builder().streamReadConstraints(CONSTRAINTS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
        .enable(CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT).build();

    private Parsers() {
    }

    interface Body<T> {
        T read(JsonParser p) throws IOException, CodecException;
    }

    /** Runs {@code body} on a parser over {@code payload}; a syntax error names the byte offset it was found at. */
    static <T> T parse(JsonFactory factory, byte[] payload, String format, Body<T> body) throws CodecException {
        JsonParser p;
        try {
            p = factory.createParser(payload);
        } catch (IOException e) {
            throw new CodecException(format + ": cannot read the payload: " + e.getMessage(), e);
        }
        try {
            return body.read(p);
        } catch (IOException e) {
            // located before closing: a closed parser reports the end of the input
            throw new CodecException(format + ": at byte " + offset(p, e) + ": malformed: "
                + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        } finally {
            close(p);
        }
    }

    private static void close(JsonParser p) {
        try {
            p.close();
        } catch (IOException e) {
            // a parser over a byte array only releases its buffers: nothing can fail that the caller could act on
        }
    }

    /** The offset of the parser's current token, for errors found on a well-formed token. */
    static long offset(JsonParser p) {
        return p.currentTokenLocation().getByteOffset();
    }

    private static long offset(JsonParser p, IOException e) {
        // constraint violations carry no location; the parser knows where it stopped
        JsonLocation at = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation() : p.currentLocation();
        return at.getByteOffset();
    }
}
