package org.gatehouse.lwm2m.objects;

import java.util.Objects;

/**
 * What an {@link ObjectHandler#execute Execute} came to: 2.04 Changed, or an error with a message
 * for the server (the response's diagnostic payload).
 *
 * @since 1.0.0
 */
public final class Outcome {

    /** The answer, named after its CoAP response code. */
    public enum Status {
        /** 2.04. */
        CHANGED,
        /** 4.00: the arguments or the instance's state do not allow it. */
        BAD_REQUEST,
        /** 4.04: something the Execute refers to does not exist. */
        NOT_FOUND,
        /** 4.05: this resource is not executed by the handler. */
        METHOD_NOT_ALLOWED,
        /** 5.00: the handler failed. */
        INTERNAL_SERVER_ERROR,
        /** 5.03: not now; the message says when to try again. */
        SERVICE_UNAVAILABLE
    }

    private static final Outcome CHANGED = new Outcome(Status.CHANGED, "");
    private static final Outcome NOT_SUPPORTED = new Outcome(Status.METHOD_NOT_ALLOWED, "");

    private final Status status;
    private final String message;

    private Outcome(Status status, String message) {
        this.status = Objects.requireNonNull(status, "status");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** Done: 2.04 Changed. */
    public static Outcome changed() {
        return CHANGED;
    }

    /** The handler does not execute this resource: 4.05, with a message naming the resource. */
    public static Outcome notSupported() {
        return NOT_SUPPORTED;
    }

    /** 4.00 Bad Request: the arguments or the state of the instance do not allow it. */
    public static Outcome badRequest(String reason) {
        return error(Status.BAD_REQUEST, reason);
    }

    /** 4.04 Not Found. */
    public static Outcome notFound(String reason) {
        return error(Status.NOT_FOUND, reason);
    }

    /** 5.00 Internal Server Error: the action failed. */
    public static Outcome failed(String reason) {
        return error(Status.INTERNAL_SERVER_ERROR, reason);
    }

    /** 5.03 Service Unavailable: not now; say in {@code reason} when to try again. */
    public static Outcome unavailable(String reason) {
        return error(Status.SERVICE_UNAVAILABLE, reason);
    }

    private static Outcome error(Status status, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an error outcome needs a reason");
        }
        return new Outcome(status, reason);
    }

    public Status status() {
        return status;
    }

    /** Why it failed; empty for {@link #changed()} and {@link #notSupported()}. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && status == other.status && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message);
    }

    @Override
    public String toString() {
        return message.isEmpty() ? status.toString() : status + " (" + message + ")";
    }
}
