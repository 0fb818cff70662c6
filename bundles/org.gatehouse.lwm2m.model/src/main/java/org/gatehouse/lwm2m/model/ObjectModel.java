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
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
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

    public ResourceModel resource(int resourceId) {
        return resources.get(resourceId);
    }

    @Override
    public String toString() {
        return "Object " + id + " " + name + " v" + objectVersion + " (" + resources.size() + " resources)";
    }
}
