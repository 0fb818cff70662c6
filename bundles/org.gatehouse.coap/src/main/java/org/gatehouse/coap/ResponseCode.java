package org.gatehouse.coap;

/**
 * CoAP response codes used by LwM2M, with their class.detail numbers.
 *
 * @since 1.0.0
 */
public enum ResponseCode {
    CREATED(2, 1), DELETED(2, 2), VALID(2, 3), CHANGED(2, 4), CONTENT(2, 5), CONTINUE(2, 31),
    BAD_REQUEST(4, 0), UNAUTHORIZED(4, 1), BAD_OPTION(4, 2), FORBIDDEN(4, 3), NOT_FOUND(4, 4), METHOD_NOT_ALLOWED(4, 5),
    NOT_ACCEPTABLE(4, 6), REQUEST_ENTITY_INCOMPLETE(4, 8), PRECONDITION_FAILED(4, 12), REQUEST_ENTITY_TOO_LARGE(4, 13),
    UNSUPPORTED_CONTENT_FORMAT(4, 15), INTERNAL_SERVER_ERROR(5, 0), NOT_IMPLEMENTED(5, 1), BAD_GATEWAY(5, 2),
    SERVICE_UNAVAILABLE(5, 3), GATEWAY_TIMEOUT(5, 4);

    private final int codeClass;
    private final int detail;

    ResponseCode(int codeClass, int detail) {
        this.codeClass = codeClass;
        this.detail = detail;
    }

    public int codeClass() { return codeClass; }

    public int detail() { return detail; }

    public boolean isSuccess() { return codeClass == 2; }

    /** The code for class and detail; an unknown one maps to its class's generic code. */
    public static ResponseCode of(int codeClass, int detail) {
        for (ResponseCode c : values()) {
            if (c.codeClass == codeClass && c.detail == detail) {
                return c;
            }
        }
        return codeClass == 2 ? CHANGED : codeClass == 4 ? BAD_REQUEST : INTERNAL_SERVER_ERROR;
    }

    @Override
    public String toString() {
        // not String.format: responses are logged and recorded per request (the bootstrap server's session log)
        return codeClass + (detail < 10 ? ".0" : ".") + detail + " " + name();
    }
}
