package org.gatehouse.lwm2m.store;

import java.time.Instant;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * A set of writes and deletes seen only by its owner until {@link #commit()}. It holds no lock while
 * open; its commit succeeds only if nothing else was committed since it began (see {@link ObjectStore}).
 * Closing an uncommitted transaction rolls it back.
 *
 * <p>Writes and reads are for one thread at a time. Ending it ({@link #commit()}, {@link #rollback()},
 * {@link #close()}) is thread-safe and happens once: when a commit and a rollback race, exactly one of
 * them takes effect.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface StoreTransaction extends AutoCloseable {

    /** The tree as this transaction sees it: the snapshot it began from plus its own changes. */
    ObjectTree view();

    /** Replaces the node at {@code path} (object, instance, resource or resource instance). */
    void write(LwM2mPath path, LwM2mNode node) throws StoreException;

    /** Removes the node at {@code path}; "/" removes every object. Absent nodes are not an error. */
    void delete(LwM2mPath path) throws StoreException;

    /**
     * Makes the changes durable and visible at once and announces them; returns the new revision. A
     * transaction without changes writes and announces nothing and returns the current revision. The
     * transaction has ended afterwards, whatever the outcome.
     *
     * @throws StoreConflictException if another transaction committed since this one began; nothing applied
     * @throws StoreBusyException if another commit held the store longer than the transaction's wait
     * @throws StoreException if the transaction had already ended or passed its deadline, or the commit
     *         could not be made durable; nothing applied
     */
    long commit() throws StoreException;

    /** Discards the changes; does nothing if the transaction has already ended or a commit of it is under way. */
    void rollback();

    /** {@link #rollback()}. */
    @Override
    void close();

    /**
     * Who makes these changes, as given to {@link ObjectStore#begin(String, java.time.Duration)}.
     *
     * @since 1.1.0
     */
    String writer();

    /**
     * When this transaction expires: after it, writes and {@link #commit()} fail, so that work
     * abandoned by its owner can never be applied late.
     *
     * @since 1.1.0
     */
    Instant deadline();

    /**
     * True until the transaction is committed, rolled back, or closed.
     *
     * @since 1.1.0
     */
    boolean isOpen();

    /**
     * The writer of the instance at or above {@code path} as this transaction would leave it: its own
     * {@link #writer()} for the instances it wrote, otherwise as committed.
     *
     * @throws IllegalArgumentException for the root or an object path
     * @since 1.1.0
     */
    Optional<String> writerOf(LwM2mPath path);
}
