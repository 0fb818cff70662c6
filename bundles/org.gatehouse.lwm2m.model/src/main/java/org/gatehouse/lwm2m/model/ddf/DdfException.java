package org.gatehouse.lwm2m.model.ddf;

/**
 * A DDF file could not be read; the message names the file and the element at fault.
 *
 * @since 1.0.0
 */
public class DdfException extends Exception {
    private static final long serialVersionUID = 1L;

    public DdfException(String message, Throwable cause) {
        super(message, cause);
    }

    public DdfException(String message) {
        super(message);
    }
}
