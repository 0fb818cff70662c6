package org.gatehouse.lwm2m.codec.impl;

import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;

/** Resource types from the models, for formats whose payload does not say them. */
final class Schema {
    private Schema() {
    }

    static Optional<ResourceModel> resource(ModelLookup models, int objectId, int resourceId) {
        return models.find(objectId).map(m -> m.resource(resourceId));
    }

    /**
     * The type of the resource at {@code path}; a resource the model does not know is read as opaque
     * so that its bytes are kept and the caller can decide to ignore it.
     */
    static ResourceType typeOf(ModelLookup models, LwM2mPath path) {
        return resource(models, path.objectId(), path.resourceId()).map(ResourceModel::type).orElse(ResourceType.OPAQUE);
    }
}
