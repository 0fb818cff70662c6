package org.gatehouse.lwm2m.store;

/**
 * A commit was refused because another transaction committed after this one began: what this one
 * read may be out of date. Nothing was applied and the transaction has ended; run the work again on a
 * new transaction (see {@link ObjectStore#update}).
 *
 * @since 1.1.0
 */
public class StoreConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long baseRevision;
    private final long currentRevision;

    public StoreConflictException(String message, long baseRevision, long currentRevision) {
        super(message);
        this.baseRevision = baseRevision;
        this.currentRevision = currentRevision;
    }

    /** The revision the transaction began from. */
    public long baseRevision() {
        return baseRevision;
    }

    /** The revision the store was at when the commit was refused. */
    public long currentRevision() {
        return currentRevision;
    }
}
