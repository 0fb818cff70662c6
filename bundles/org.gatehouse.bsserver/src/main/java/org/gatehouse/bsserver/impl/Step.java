package org.gatehouse.bsserver.impl;

import java.util.Objects;

import org.gatehouse.coap.CoapRequest;

/**
 * One request of a bootstrap session and how it is logged, e.g. "WRITE /0/1".
 *
 * @param required false for Discover and Read, whose failure the session notes and goes on
 */
record Step(Kind kind, CoapRequest request, boolean required) {

    enum Kind { DISCOVER, READ, DELETE, WRITE, FINISH }

    Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
    }

    String label() {
        return kind == Kind.FINISH ? "FINISH" : kind + " " + request.pathString();
    }
}
