package org.gatehouse.lwm2m.server.impl;

import java.util.Map;
import java.util.Optional;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.server.DeviceResult;

/** Turns a device's response into a {@link DeviceResult}: decoded when a codec and the model allow, readable text always. */
final class Results {

    private final Map<Integer, ContentCodec> codecs;
    private final ModelLookup models;

    Results(Map<Integer, ContentCodec> codecs, ModelLookup models) {
        this.codecs = codecs;
        this.models = models;
    }

    DeviceResult of(LwM2mPath path, CoapResponse response) {
        int format = response.contentFormat();
        byte[] payload = response.payload();
        if (!response.code().isSuccess() || payload.length == 0) {
            return new DeviceResult(response.code(), Optional.empty(), response.text(), format);
        }
        if (format == ContentFormat.LINK.code() || format == ContentFormat.TEXT.code() && !path.isResource()) {
            return new DeviceResult(response.code(), Optional.empty(), response.text(), format);
        }
        ContentCodec codec = codecs.get(format);
        if (codec != null) {
            try {
                LwM2mNode node = codec.decode(payload, path, models);
                return new DeviceResult(response.code(), Optional.of(node), render(node), format);
            } catch (CodecException | RuntimeException e) {
                return new DeviceResult(response.code(), Optional.empty(), "undecoded (" + e.getMessage() + "): " + raw(format, response), format);
            }
        }
        return new DeviceResult(response.code(), Optional.empty(), raw(format, response), format);
    }

    /** A single resource as its value; anything larger as the node's own rendering. */
    static String render(LwM2mNode node) {
        return node instanceof SingleResource r ? r.value().text() : node.toString();
    }

    private static String raw(int format, CoapResponse response) {
        boolean binary = format != ContentFormat.TEXT.code() && format != ContentFormat.SENML_JSON.code()
            && format != ContentFormat.JSON.code() && format != CoapRequest.NONE;
        return binary ? "format " + format + ", " + java.util.HexFormat.of().formatHex(response.payload()) : response.text();
    }
}
