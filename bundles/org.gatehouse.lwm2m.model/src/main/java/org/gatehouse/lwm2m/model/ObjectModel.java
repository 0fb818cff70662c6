package org.gatehouse.lwm2m.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The definition of an object at one object version.
 *
 * @param objectVersion "1.0" when the definition has none
 * @param lwm2mVersion  "1.0" when the definition has none
 * @since 1.0.0
 */
public record ObjectModel(int id, String name, String description, String objectVersion, String lwm2mVersion,
        String urn, boolean multiple, boolean mandatory, SortedMap<Integer, ResourceModel> resources) {

    public ObjectModel {
        LwM2mNode.checkId(id, "object");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        objectVersion = objectVersion == null || objectVersion.isBlank() ? "1.0" : objectVersion.trim();
        lwm2mVersion = lwm2mVersion == null || lwm2mVersion.isBlank() ? "1.0" : lwm2mVersion.trim();
        urn = urn == null ? "" : urn;
        TreeMap<Integer, ResourceModel> copy = new TreeMap<>(resources); // keeps the map's comparator, if any
        // decoders look a resource up for every value: a binary search over int ids, without boxing the id
        // or going through the read-only view, is cheaper than the tree's walk; the accessor gives the view
        resources = copy.comparator() == null ? IdMap.ascending(copy) : Collections.unmodifiableSortedMap(copy);
    }

    public static SortedMap<Integer, ResourceModel> index(Collection<ResourceModel> resources) {
        TreeMap<Integer, ResourceModel> map = new TreeMap<>();
        for (ResourceModel r : resources) {
            if (map.put(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate resource id " + r.id());
            }
        }
        return map;
    }

    /** The resources by id, read-only. */
    @Override
    public SortedMap<Integer, ResourceModel> resources() {
        return resources instanceof IdMap<ResourceModel> byId ? Collections.unmodifiableSortedMap(byId) : resources;
    }

    public ResourceModel resource(int resourceId) {
        return resources instanceof IdMap<ResourceModel> byId ? byId.get(resourceId) : resources.get(resourceId);
    }

    @Override
    public String toString() {
        return "Object " + id + " " + name + " v" + objectVersion + " (" + resources.size() + " resources)";
    }
}
