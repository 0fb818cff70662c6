package org.gatehouse.lwm2m.model;

import java.util.Optional;

/**
 * Finds the model of an object. Codecs use it to learn resource types the payload does not carry.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface ModelLookup {

    /** The model used for {@code objectId}, normally its newest known version. */
    Optional<ObjectModel> find(int objectId);

    /** The resource model at {@code path} (a resource or resource-instance path), if known. */
    default Optional<ResourceModel> resource(LwM2mPath path) {
        if (path.depth() < 3) {
            return Optional.empty();
        }
        return find(path.objectId()).map(m -> m.resource(path.resourceId()));
    }
}
