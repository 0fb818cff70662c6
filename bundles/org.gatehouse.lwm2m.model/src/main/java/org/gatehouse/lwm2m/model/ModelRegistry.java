package org.gatehouse.lwm2m.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The gateway's object models: the embedded core objects plus the DDF files found in the models
 * folder. Implemented by the model bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface ModelRegistry extends ModelLookup {

    /** All known models, every version. */
    ModelSet models();

    @Override
    default Optional<ObjectModel> advertised(int objectId) {
        return models().advertised(objectId);
    }

    @Override
    default SortedSet<Integer> objectIds() {
        return models().objectIds();
    }

    /** One line per model file that could not be loaded, saying why. */
    List<String> problems();

    /**
     * A registry of exactly {@code models}, with no folder and no problems: for tools and tests that
     * wire components without a framework.
     *
     * @since 1.1.0
     */
    static ModelRegistry of(ModelSet models) {
        return new ModelRegistry() {
            @Override
            public Optional<ObjectModel> find(int objectId) {
                return models.find(objectId);
            }

            @Override
            public ModelSet models() {
                return models;
            }

            @Override
            public List<String> problems() {
                return List.of();
            }
        };
    }
}
