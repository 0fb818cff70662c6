package org.gatehouse.coap;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A CoAP response, either way.
 *
 * @param contentFormat of the payload, or {@link CoapRequest#NONE}
 * @since 1.0.0
 */
public record CoapResponse(ResponseCode code, int contentFormat, byte[] payload, String locationPath) {

    public CoapResponse {
        Objects.requireNonNull(code, "code");
        payload = payload == null ? new byte[0] : payload.clone();
        locationPath = locationPath == null ? "" : locationPath;
    }

    public static CoapResponse of(ResponseCode code) {
        return new CoapResponse(code, CoapRequest.NONE, new byte[0], "");
    }

    /** An error response whose payload is a readable diagnostic, as CoAP allows. */
    public static CoapResponse error(ResponseCode code, String diagnostic) {
        return new CoapResponse(code, 0, diagnostic.getBytes(StandardCharsets.UTF_8), "");
    }

    public static CoapResponse content(int format, byte[] body) {
        return new CoapResponse(ResponseCode.CONTENT, format, body, "");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload read as UTF-8 text (diagnostics). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return code + (code.isSuccess() || payload.length == 0 ? "" : " " + text());
    }
}
