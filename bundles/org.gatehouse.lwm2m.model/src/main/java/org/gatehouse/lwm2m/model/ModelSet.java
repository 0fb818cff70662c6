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

    private static final Comparator<String> VERSION_ORDER = ModelSet::compareVersions;

    private final Map<Integer, NavigableMap<String, ObjectModel>> byId;
    // codecs look up a model per value: a plain hash map of the newest versions keeps that cheap
    private final Map<Integer, ObjectModel> newest = new java.util.HashMap<>();
    // and the versions a Register and a Discover advertise, asked once per object each time
    private final Map<Integer, ObjectModel> advertised = new java.util.HashMap<>();

    private ModelSet(Map<Integer, NavigableMap<String, ObjectModel>> byId) {
        this.byId = byId;
        byId.forEach((id, versions) -> {
            newest.put(id, versions.lastEntry().getValue());
            advertised.put(id, newestFor(versions, ENABLER_VERSION));
        });
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
        return Optional.ofNullable(advertised.get(objectId));
    }

    public Optional<ObjectModel> newestFor(int objectId, String enablerVersion) {
        NavigableMap<String, ObjectModel> versions = byId.get(objectId);
        return versions == null ? Optional.empty() : Optional.of(newestFor(versions, enablerVersion));
    }

    /** The newest version for that enabler version, else the oldest there is. */
    private static ObjectModel newestFor(NavigableMap<String, ObjectModel> versions, String enablerVersion) {
        ObjectModel chosen = null;
        for (ObjectModel m : versions.values()) {
            if (VERSION_ORDER.compare(m.lwm2mVersion(), enablerVersion) <= 0) {
                chosen = m;
            }
        }
        return chosen != null ? chosen : versions.firstEntry().getValue();
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

    /** Dotted versions part by part as numbers (a part that is not a number counts 0); "1.0" comes before "1.0.1". */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(versionPart(x[i]), versionPart(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int versionPart(String p) {
        return !p.isEmpty() && p.chars().allMatch(Character::isDigit) ? Integer.parseInt(p) : 0;
    }
}
