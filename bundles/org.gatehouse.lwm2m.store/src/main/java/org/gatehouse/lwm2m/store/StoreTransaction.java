package org.gatehouse.lwm2m.store;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * A set of writes and deletes seen only by its owner until {@link #commit()}. Closing an uncommitted
 * transaction rolls it back. Not for use from several threads at once.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface StoreTransaction extends AutoCloseable {

    /** The tree as this transaction sees it: committed state plus its own changes. */
    ObjectTree view();

    /** Replaces the node at {@code path} (object, instance, resource or resource instance). */
    void write(LwM2mPath path, LwM2mNode node) throws StoreException;

    /** Removes the node at {@code path}; "/" removes every object. Absent nodes are not an error. */
    void delete(LwM2mPath path) throws StoreException;

    /** Makes the changes durable and visible at once; returns the new revision. */
    long commit() throws StoreException;

    void rollback();

    @Override
    void close();
}
