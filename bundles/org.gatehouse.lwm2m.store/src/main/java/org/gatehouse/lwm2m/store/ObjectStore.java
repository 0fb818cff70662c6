package org.gatehouse.lwm2m.store;

import java.time.Duration;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * The gateway's object tree. Readers see the last committed snapshot; writers use one transaction at
 * a time, which commits atomically and durably or not at all. Implemented only by the store bundle.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface ObjectStore {

    /** The last committed tree; never a half-applied transaction. */
    ObjectTree snapshot();

    default Optional<LwM2mNode> read(LwM2mPath path) {
        return snapshot().read(path);
    }

    /**
     * Opens the single write transaction, waiting up to {@code wait} for the current one to end.
     *
     * @throws StoreException if another transaction stays open longer than {@code wait}
     */
    StoreTransaction begin(Duration wait) throws StoreException;
}
