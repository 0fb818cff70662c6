package org.gatehouse.bsserver.storage;

/**
 * The storage engine failed (database unreachable, constraint broken); the message says what and,
 * where it can, what to do.
 *
 * @since 1.0.0
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
