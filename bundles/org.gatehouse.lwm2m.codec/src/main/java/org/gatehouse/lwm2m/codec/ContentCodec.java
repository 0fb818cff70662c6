package org.gatehouse.lwm2m.codec;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * Encodes and decodes LwM2M nodes in one content format. Published as a service with the integer
 * property {@value #CONTENT_FORMAT}; consumers keep a map of them (whiteboard). Implemented by the
 * codec bundle; callers never implement it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface ContentCodec {

    /** Service property (Integer): the CoAP content-format code. */
    String CONTENT_FORMAT = "lwm2m.content.format";

    ContentFormat format();

    /** Whether this format can carry {@code node} at {@code path} (e.g. opaque carries one opaque value only). */
    boolean canEncode(LwM2mPath path, LwM2mNode node);

    /** Encodes {@code node}, which is the node at {@code path}. */
    byte[] encode(LwM2mPath path, LwM2mNode node, ModelLookup models) throws CodecException;

    /**
     * Decodes the payload of a request or response addressed to {@code path}; the result is the node at
     * that path. Never returns a partial node: any defect throws, naming where it is.
     */
    LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) throws CodecException;

    /**
     * Decodes a payload that carries several objects with absolute paths (a factory configuration, a
     * Bootstrap-Pack). Only formats with per-value paths (SenML) can.
     *
     * @since 1.1.0
     */
    default java.util.List<org.gatehouse.lwm2m.model.LwM2mObject> decodeObjects(byte[] payload, ModelLookup models) throws CodecException {
        throw new CodecException(format().name() + ": cannot carry several objects; use SenML JSON or SenML CBOR");
    }
}
