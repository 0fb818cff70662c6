package org.gatehouse.software.impl;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;

/**
 * Keeps the /9 instances in the store in step with the application bundles: one instance per
 * bundle with PkgName (0) and PkgVersion (1), written by {@value #WRITER}. Instance ids stay once
 * given. An instance whose bundle went away is deleted, unless a server acted on it (it then shows
 * INITIAL and can take a new Package URI) or it has no name yet (created by a server, not yet downloaded).
 */
final class Instances {

    static final String WRITER = "software";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Instances() {
    }

    /**
     * @param bundles symbolic name to version of every application bundle installed now
     * @param tracked ids of the instances a server acted on
     */
    static void sync(ObjectStore store, Map<String, String> bundles, Set<Integer> tracked) throws StoreException {
        store.update(WRITER, WAIT, tx -> {
            LwM2mObject o = tx.view().objects().get(Codes.OBJECT);
            Map<String, Integer> byName = new TreeMap<>();
            Set<Integer> ids = new HashSet<>();
            if (o != null) {
                for (LwM2mObjectInstance i : o.instances().values()) {
                    ids.add(i.id());
                    String name = text(i, Codes.PKG_NAME);
                    if (name.isEmpty()) {
                        continue;
                    }
                    String version = bundles.get(name);
                    if (version != null && !byName.containsKey(name)) {
                        byName.put(name, i.id());
                        if (!version.equals(text(i, Codes.PKG_VERSION))) {
                            tx.write(LwM2mPath.of(Codes.OBJECT, i.id(), Codes.PKG_VERSION), SingleResource.of(Codes.PKG_VERSION, Value.string(version)));
                        }
                    } else if (version == null && !tracked.contains(i.id())) {
                        tx.delete(LwM2mPath.of(Codes.OBJECT, i.id()));
                    }
                }
            }
            int next = 0;
            for (Map.Entry<String, String> b : new TreeMap<>(bundles).entrySet()) { // new ids in name order, whatever map was given
                if (!byName.containsKey(b.getKey())) {
                    while (ids.contains(next)) {
                        next++;
                    }
                    ids.add(next);
                    tx.write(LwM2mPath.of(Codes.OBJECT, next), named(next, b.getKey(), b.getValue()));
                }
            }
            return null;
        });
    }

    /** Names a server-created instance after the package delivered to it. */
    static void name(ObjectStore store, int id, String name, String version) throws StoreException {
        store.update(WRITER, WAIT, tx -> {
            LwM2mObjectInstance inst = instance(tx.view(), id);
            if (inst != null) {
                tx.write(LwM2mPath.of(Codes.OBJECT, id), inst.with(SingleResource.of(Codes.PKG_NAME, Value.string(name)))
                    .with(SingleResource.of(Codes.PKG_VERSION, Value.string(version))));
            }
            return null;
        });
    }

    /** Removes the Package URI once taken, so that writing the same URI again is a change that starts a new download. */
    static void clearUri(ObjectStore store, int id) throws StoreException {
        store.update(WRITER, WAIT, tx -> {
            if (tx.view().read(LwM2mPath.of(Codes.OBJECT, id, Codes.PACKAGE_URI)).isPresent()) {
                tx.delete(LwM2mPath.of(Codes.OBJECT, id, Codes.PACKAGE_URI));
            }
            return null;
        });
    }

    static LwM2mObjectInstance named(int id, String name, String version) {
        return LwM2mObjectInstance.of(id, SingleResource.of(Codes.PKG_NAME, Value.string(name)),
            SingleResource.of(Codes.PKG_VERSION, Value.string(version)));
    }

    static String text(LwM2mObjectInstance i, int resource) {
        LwM2mResource r = i == null ? null : i.resource(resource);
        return r instanceof SingleResource s ? s.value().text() : "";
    }

    static LwM2mObjectInstance instance(ObjectTree tree, int id) {
        return (LwM2mObjectInstance) tree.read(LwM2mPath.of(Codes.OBJECT, id)).orElse(null);
    }
}
