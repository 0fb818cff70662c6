package org.gatehouse.lwm2m.store;

import java.time.Duration;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * The gateway's object tree. Readers see the last committed snapshot. Writers build their changes in
 * a {@link StoreTransaction} of their own, which blocks nobody while it is open: the store's write
 * lock is taken only inside {@link StoreTransaction#commit()}, for the milliseconds a commit lasts.
 *
 * <p><b>The commit rule (optimistic, whole store).</b> A transaction commits only if no other commit
 * happened since it began: it may have read anything, so any newer revision could invalidate what it
 * decided. Otherwise {@code commit()} throws {@link StoreConflictException} and nothing is applied; the
 * caller starts again from the new state, which {@link #update} does for it. A commit is atomic and
 * durable: after a crash the store holds exactly some committed revision. Each commit is announced
 * to {@link StoreListener} services with its changed paths and its writer (see {@link StoreCommitEvent}).
 *
 * <p>Implemented only by the store bundle. Callers never implement this.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface ObjectStore {

    /**
     * The writer recorded for transactions begun without one.
     *
     * @since 1.1.0
     */
    String UNKNOWN_WRITER = "unknown";

    /** The last committed tree; never a half-applied transaction. */
    ObjectTree snapshot();

    default Optional<LwM2mNode> read(LwM2mPath path) {
        return snapshot().read(path);
    }

    /**
     * {@link #begin(String, Duration)} with the writer {@value #UNKNOWN_WRITER}; name the writer instead
     * wherever it is known.
     */
    default StoreTransaction begin(Duration wait) throws StoreException {
        return begin(UNKNOWN_WRITER, wait);
    }

    /**
     * Opens a transaction on the current snapshot. Never waits: transactions do not exclude each other
     * while open, only their commits do.
     *
     * @param writer who makes the changes, recorded per instance and announced with the commit: a free-form
     *        label such as {@code "factory"}, {@code "smartcard:<card digest>"}, {@code "server:101"} or
     *        {@code "bootstrap:coaps://bs.example:5684"}
     * @param wait how long {@link StoreTransaction#commit()} may wait for another commit in progress
     * @throws StoreException declared for implementations that may refuse; the file store never does
     * @since 1.1.0
     */
    StoreTransaction begin(String writer, Duration wait) throws StoreException;

    /**
     * The writer of the last committed change of the instance at or above {@code path}; empty when the
     * instance does not exist or was written before the store recorded writers.
     *
     * @throws IllegalArgumentException for the root or an object path: writers are kept per instance
     * @since 1.1.0
     */
    Optional<String> writerOf(LwM2mPath path);

    /**
     * Runs {@code work} in a new transaction and commits it unless the work ended it; when the commit
     * conflicts with another one, runs the work again on a new transaction, up to
     * {@link StoreWork#ATTEMPTS} times in all. The work may therefore run more than once and must not
     * act outside the transaction. A transaction the work left without changes commits nothing.
     *
     * @return what the last run of {@code work} returned
     * @throws StoreConflictException if every attempt conflicted
     * @throws StoreBusyException if a commit waited longer than {@code wait} for another one
     * @since 1.1.0
     */
    default <T> T update(String writer, Duration wait, StoreWork<T> work) throws StoreException {
        for (int attempt = 1;; attempt++) {
            try (StoreTransaction tx = begin(writer, wait)) {
                T result = work.apply(tx);
                if (tx.isOpen()) {
                    tx.commit();
                }
                return result;
            } catch (StoreConflictException e) {
                if (attempt >= StoreWork.ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
