package org.gatehouse.lwm2m.model;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the model of an object. Codecs use it to learn resource types the payload does not carry.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface ModelLookup {

    /** The model used for {@code objectId}, normally its newest known version. */
    Optional<ObjectModel> find(int objectId);

    /** The LwM2M enabler version the gateway speaks (Register's lwm2m=, Discover's </>;lwm2m=). */
    String ENABLER_VERSION = "1.1";

    /**
     * The model of an object as the gateway advertises it in Register and Discover: by default the one
     * {@link #find} gives; a set of versions gives the newest one its enabler version allows.
     */
    default Optional<ObjectModel> advertised(int objectId) {
        return find(objectId);
    }

    /**
     * The ids of the objects known here: the objects the gateway supports, listed by Bootstrap-Discover
     * whether or not they have instances. Empty unless the lookup can enumerate its models.
     *
     * @since 1.1.0
     */
    default SortedSet<Integer> objectIds() {
        return new TreeSet<>();
    }

    /** The resource model at {@code path} (a resource or resource-instance path), if known. */
    default Optional<ResourceModel> resource(LwM2mPath path) {
        if (path.depth() < 3) {
            return Optional.empty();
        }
        return find(path.objectId()).map(m -> m.resource(path.resourceId()));
    }
}
