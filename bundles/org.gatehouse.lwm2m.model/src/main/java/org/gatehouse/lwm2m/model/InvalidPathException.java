package org.gatehouse.lwm2m.model;

/**
 * Thrown when a path is malformed or out of range.
 *
 * @since 1.0.0
 */
public class InvalidPathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPathException(String message) {
        super(message);
    }
}
