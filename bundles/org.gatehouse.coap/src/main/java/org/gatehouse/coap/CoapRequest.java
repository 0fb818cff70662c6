package org.gatehouse.coap;

import java.util.List;
import java.util.Objects;

/**
 * A CoAP request, either way.
 *
 * @param contentFormat of the payload, or {@link #NONE}
 * @param accept        the Accept option, or {@link #NONE}
 * @param confirmable   false for a non-confirmable (NON) request, which is neither acknowledged nor
 *                      retransmitted; since 1.1.0
 * @param observe       the Observe option: {@link #OBSERVE_REGISTER}, {@link #OBSERVE_DEREGISTER}
 *                      or {@link #NONE}; since 1.1.0
 * @since 1.0.0
 */
public record CoapRequest(Method method, List<String> path, List<String> query, int contentFormat, int accept, byte[] payload,
        boolean confirmable, int observe) {

    public static final int NONE = -1;
    /** Observe 0: start notifications. @since 1.1.0 */
    public static final int OBSERVE_REGISTER = 0;
    /** Observe 1: stop them. @since 1.1.0 */
    public static final int OBSERVE_DEREGISTER = 1;

    public CoapRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = List.copyOf(query);
        payload = payload == null ? new byte[0] : payload.clone();
        if (observe != NONE && observe != OBSERVE_REGISTER && observe != OBSERVE_DEREGISTER) {
            throw new IllegalArgumentException("Observe must be 0, 1 or NONE in a request, not " + observe);
        }
    }

    /**
     * A confirmable request without Observe. Kept because callers built against 1.0.0 call it: the
     * canonical constructor grew in 1.1.0.
     */
    public CoapRequest(Method method, List<String> path, List<String> query, int contentFormat, int accept, byte[] payload) {
        this(method, path, query, contentFormat, accept, payload, true, NONE);
    }

    public static CoapRequest of(Method method, String path) {
        return new CoapRequest(method, split(path), List.of(), NONE, NONE, new byte[0]);
    }

    public CoapRequest withQuery(List<String> q) {
        return new CoapRequest(method, path, q, contentFormat, accept, payload, confirmable, observe);
    }

    public CoapRequest withPayload(int format, byte[] body) {
        return new CoapRequest(method, path, query, format, accept, body, confirmable, observe);
    }

    public CoapRequest withAccept(int format) {
        return new CoapRequest(method, path, query, contentFormat, format, payload, confirmable, observe);
    }

    /**
     * The same request sent as NON or CON. LwM2M allows NON where a lost message costs little, such
     * as notifications and Send; a NON request gets no retransmission.
     *
     * @since 1.1.0
     */
    public CoapRequest withConfirmable(boolean con) {
        return new CoapRequest(method, path, query, contentFormat, accept, payload, con, observe);
    }

    /**
     * The same request with the Observe option ({@link #OBSERVE_REGISTER}, {@link #OBSERVE_DEREGISTER} or {@link #NONE}).
     *
     * @since 1.1.0
     */
    public CoapRequest withObserve(int value) {
        return new CoapRequest(method, path, query, contentFormat, accept, payload, confirmable, value);
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
            + (payload.length > 0 ? " (" + payload.length + " bytes, format " + contentFormat + ")" : "")
            + (confirmable ? "" : " NON") + (observe == NONE ? "" : " observe " + observe);
    }
}
