package org.gatehouse.coap;

import java.util.List;
import java.util.Objects;

/**
 * A CoAP request, either way.
 *
 * @param contentFormat of the payload, or {@link #NONE}
 * @param accept        the Accept option, or {@link #NONE}
 * @since 1.0.0
 */
public record CoapRequest(Method method, List<String> path, List<String> query, int contentFormat, int accept, byte[] payload) {

    public static final int NONE = -1;

    public CoapRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = List.copyOf(query);
        payload = payload == null ? new byte[0] : payload.clone();
    }

    public static CoapRequest of(Method method, String path) {
        return new CoapRequest(method, split(path), List.of(), NONE, NONE, new byte[0]);
    }

    public CoapRequest withQuery(List<String> q) {
        return new CoapRequest(method, path, q, contentFormat, accept, payload);
    }

    public CoapRequest withPayload(int format, byte[] body) {
        return new CoapRequest(method, path, query, format, accept, body);
    }

    public CoapRequest withAccept(int format) {
        return new CoapRequest(method, path, query, contentFormat, format, payload);
    }

    /** "/a/b" for path ["a","b"]; "/" for an empty path. */
    public String pathString() {
        return "/" + String.join("/", path);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    private static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? List.of() : List.of(p.split("/"));
    }

    @Override
    public String toString() {
        return method + " " + pathString() + (query.isEmpty() ? "" : "?" + String.join("&", query))
            + (payload.length > 0 ? " (" + payload.length + " bytes, format " + contentFormat + ")" : "");
    }
}
