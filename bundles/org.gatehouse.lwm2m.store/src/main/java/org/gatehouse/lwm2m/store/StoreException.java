package org.gatehouse.lwm2m.store;

/**
 * A store operation failed; the committed state is unchanged.
 *
 * @since 1.0.0
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
