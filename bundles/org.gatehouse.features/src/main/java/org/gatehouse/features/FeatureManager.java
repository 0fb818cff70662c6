package org.gatehouse.features;

import java.util.List;

/**
 * Installs and removes whole features (features/NAME.json: bundles from system/ and their
 * configurations) while the gateway runs. A feature is installed completely or not at all: its
 * bundles must resolve against what is installed before any of them starts. The installed set is
 * persisted, and the gateway starts with it after a restart. Bundles shared by several installed
 * features stay until the last of them is removed. Operations run one at a time.
 * <p>
 * Implemented only by the feature manager bundle; callers never implement it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface FeatureManager {

    /** Every feature of the features folder, installed or not, by name. */
    List<FeatureInfo> list();

    /**
     * One feature.
     *
     * @throws FeatureException when there is no such feature or its file cannot be read
     */
    FeatureInfo info(String name) throws FeatureException;

    /**
     * Installs a feature: its bundles not installed yet are installed and resolved, its
     * configurations applied, its bundles started, and the installed set saved. Installing an
     * installed feature changes nothing.
     *
     * @return the feature as installed
     * @throws FeatureException when the feature is unknown, a bundle of it is missing, a requirement
     *         of its bundles is not met (named in the message), or a bundle fails to start; nothing of
     *         it is left installed then
     */
    FeatureInfo install(String name) throws FeatureException;

    /**
     * Removes an installed feature: its bundles that no other installed feature lists are
     * uninstalled, the configurations it created deleted, and the installed set saved.
     *
     * @throws FeatureException when the feature is not installed, holds this manager, or other
     *         installed bundles need its bundles (they are named); nothing changes then
     */
    void uninstall(String name) throws FeatureException;
}
