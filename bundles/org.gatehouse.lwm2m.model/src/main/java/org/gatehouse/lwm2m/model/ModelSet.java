package org.gatehouse.lwm2m.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of object models, possibly several versions per object. Lookups without a version
 * return the newest version.
 *
 * @since 1.0.0
 */
public final class ModelSet implements ModelLookup {

    private static final Comparator<String> VERSION_ORDER = Comparator.comparing(ModelSet::versionKey);

    private final Map<Integer, NavigableMap<String, ObjectModel>> byId;
    // codecs look up a model per value: a plain hash map of the newest versions keeps that cheap
    private final Map<Integer, ObjectModel> newest = new java.util.HashMap<>();

    private ModelSet(Map<Integer, NavigableMap<String, ObjectModel>> byId) {
        this.byId = byId;
        byId.forEach((id, versions) -> newest.put(id, versions.lastEntry().getValue()));
    }

    public static ModelSet of(Collection<ObjectModel> models) {
        return empty().with(models);
    }

    public static ModelSet empty() {
        return new ModelSet(Map.of());
    }

    /** A copy that also holds {@code models}; a model replaces one of the same id and version. */
    public ModelSet with(Collection<ObjectModel> models) {
        TreeMap<Integer, NavigableMap<String, ObjectModel>> copy = new TreeMap<>();
        byId.forEach((id, versions) -> copy.put(id, new TreeMap<>(versions)));
        for (ObjectModel m : models) {
            copy.computeIfAbsent(m.id(), k -> new TreeMap<>(VERSION_ORDER)).put(m.objectVersion(), m);
        }
        copy.replaceAll((id, versions) -> Collections.unmodifiableNavigableMap(versions));
        return new ModelSet(Collections.unmodifiableMap(copy));
    }

    @Override
    public Optional<ObjectModel> find(int objectId) {
        return Optional.ofNullable(newest.get(objectId));
    }

    public Optional<ObjectModel> find(int objectId, String objectVersion) {
        NavigableMap<String, ObjectModel> versions = byId.get(objectId);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(objectVersion));
    }

    /**
     * The newest version of an object that an LwM2M enabler of {@code enablerVersion} may use (its
     * LWM2MVersion is not above it): what Register and Discover advertise, so that a 1.1 server is not
     * told of a Server object 1.2 it may not know.
     */
    @Override
    public Optional<ObjectModel> advertised(int objectId) {
        return newestFor(objectId, ENABLER_VERSION);
    }

    public Optional<ObjectModel> newestFor(int objectId, String enablerVersion) {
        NavigableMap<String, ObjectModel> versions = byId.get(objectId);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectModel chosen = null;
        for (ObjectModel m : versions.values()) {
            if (VERSION_ORDER.compare(m.lwm2mVersion(), enablerVersion) <= 0) {
                chosen = m;
            }
        }
        return Optional.ofNullable(chosen != null ? chosen : versions.firstEntry().getValue());
    }

    @Override
    public SortedSet<Integer> objectIds() {
        return new TreeSet<>(byId.keySet());
    }

    /** Every model, ordered by object id then version. */
    public List<ObjectModel> all() {
        List<ObjectModel> all = new ArrayList<>();
        byId.values().forEach(v -> all.addAll(v.values()));
        return all;
    }

    private static String versionKey(String version) {
        String[] parts = version.split("\\.");
        StringBuilder key = new StringBuilder();
        for (String p : parts) {
            key.append(String.format("%05d", p.chars().allMatch(Character::isDigit) && !p.isEmpty() ? Integer.parseInt(p) : 0));
        }
        return key.toString();
    }
}
