package org.gatehouse.features.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The installed features and their bundle locations, as installed: how many installed features
 * list each bundle, hence which bundles an install adds and an uninstall removes. Kept as installed
 * (not re-read from the files) so that a feature file edited meanwhile cannot unbalance the counts.
 */
final class BundleCounts {

    private final Map<String, List<String>> features = new LinkedHashMap<>();

    /** A copy to go back to when a change cannot be completed. */
    BundleCounts copy() {
        BundleCounts copy = new BundleCounts();
        copy.features.putAll(features);
        return copy;
    }

    /** The installed feature names, in install order. */
    List<String> names() {
        return List.copyOf(features.keySet());
    }

    boolean contains(String feature) {
        return features.containsKey(feature);
    }

    void add(String feature, List<String> locations) {
        features.put(feature, List.copyOf(locations));
    }

    void remove(String feature) {
        features.remove(feature);
    }

    /** The bundle locations of an installed feature, as installed. */
    List<String> locations(String feature) {
        return features.getOrDefault(feature, List.of());
    }

    /** How many installed features list {@code location}. */
    int count(String location) {
        return (int) features.values().stream().filter(l -> l.contains(location)).count();
    }

    /** The locations of {@code locations} (a feature being installed) that no installed feature has brought and the framework lacks. */
    List<String> toInstall(List<String> locations, Set<String> present) {
        List<String> add = new ArrayList<>();
        for (String l : locations) {
            if (count(l) == 0 && !present.contains(l) && !add.contains(l)) {
                add.add(l);
            }
        }
        return add;
    }

    /** The locations of installed {@code feature} that no other installed feature lists. */
    List<String> toRemove(String feature) {
        List<String> remove = new ArrayList<>();
        for (String l : features.getOrDefault(feature, List.of())) {
            if (count(l) == 1 && !remove.contains(l)) {
                remove.add(l);
            }
        }
        return remove;
    }

    /** The installed features (other than {@code except}) listing any of {@code locations}. */
    List<String> featuresListing(Collection<String> locations, String except) {
        List<String> names = new ArrayList<>();
        features.forEach((name, l) -> {
            if (!name.equals(except) && l.stream().anyMatch(locations::contains)) {
                names.add(name);
            }
        });
        return names;
    }
}
