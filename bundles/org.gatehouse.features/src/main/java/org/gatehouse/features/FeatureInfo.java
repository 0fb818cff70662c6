package org.gatehouse.features;

import java.util.List;

/**
 * What a feature file declares and whether the feature is installed. Immutable.
 * <p>
 * Implemented only by the feature manager bundle; callers never implement it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface FeatureInfo {

    /** The name: the file name in the features folder without ".json". */
    String name();

    /** The feature's id (Maven coordinates, group:artifact:version). */
    String id();

    /** The title, or the name when the file has none. */
    String title();

    /** The description, empty when the file has none. */
    String description();

    /** Whether the feature is in the installed set. */
    boolean installed();

    /** The bundles in the file's order, as group:artifact:version coordinates. */
    List<String> bundles();

    /** The PIDs of the file's configurations (factory configurations as factoryPid~name). */
    List<String> configurations();
}
