package org.gatehouse.lwm2m.store;

/**
 * A commit waited longer than its transaction's wait for another commit to finish (a slow disk).
 * Nothing was applied and the transaction has ended; trying again later may succeed.
 *
 * @since 1.1.0
 */
public class StoreBusyException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreBusyException(String message) {
        super(message);
    }
}
