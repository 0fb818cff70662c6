package org.gatehouse.bootstrap.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gatehouse.lwm2m.client.ServerSettings;
import org.gatehouse.lwm2m.model.AccessControlResources;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * When a bootstrap deletes a server's Security instance and writes none with its Short Server ID,
 * the server is gone: its Server instance, its ACL entries and the ACL instances it owned go with it.
 * Bootstrap servers delete "/" before writing, but not always (a Leshan configuration may delete only
 * /0/1); without this, Finish would answer 4.06 for leftovers the server never meant to keep.
 */
final class Orphans {

    private static final int SECURITY = ObjectIds.SECURITY;
    private static final int SERVER = ObjectIds.SERVER;
    private static final int ACL = ObjectIds.ACCESS_CONTROL;
    private static final int ACL_ENTRIES = AccessControlResources.ACL;
    private static final int ACL_OWNER = AccessControlResources.ACCESS_CONTROL_OWNER;

    private Orphans() {
    }

    /**
     * Removes what belonged to the servers in {@code removedSsids} that have no Security instance now,
     * except instances in {@code written} (what the bootstrap server wrote itself stays, to be judged by
     * the consistency check); returns what was removed, for the log.
     */
    static List<String> remove(StoreTransaction tx, Set<Integer> removedSsids, Set<LwM2mPath> written) throws StoreException {
        List<String> removed = new ArrayList<>();
        Set<Integer> gone = new TreeSet<>(removedSsids);
        gone.removeAll(securitySsids(tx.view()));
        if (gone.isEmpty()) {
            return removed;
        }
        for (LwM2mObjectInstance i : instances(tx.view(), SERVER)) {
            if (gone.contains(ServerSettings.of(i).ssid()) && !written.contains(LwM2mPath.of(SERVER, i.id()))) {
                tx.delete(LwM2mPath.of(SERVER, i.id()));
                removed.add("/1/" + i.id());
            }
        }
        for (LwM2mObjectInstance i : instances(tx.view(), ACL)) {
            if (written.contains(LwM2mPath.of(ACL, i.id()))) {
                continue;
            }
            if (i.resource(ACL_OWNER) instanceof SingleResource owner && gone.contains((int) owner.value().asLong())) {
                tx.delete(LwM2mPath.of(ACL, i.id()));
                removed.add("/2/" + i.id());
            } else if (i.resource(ACL_ENTRIES) instanceof MultipleResource entries
                    && entries.values().keySet().stream().anyMatch(gone::contains)) {
                TreeMap<Integer, Value> kept = new TreeMap<>(entries.values());
                kept.keySet().removeAll(gone);
                tx.write(LwM2mPath.of(ACL, i.id()), i.with(MultipleResource.of(ACL_ENTRIES, entries.type(), kept)));
                removed.add("/2/" + i.id() + "/2 entries " + gone);
            }
        }
        if (tx.view().objects().get(SERVER) != null && tx.view().objects().get(SERVER).instances().isEmpty()) {
            tx.delete(LwM2mPath.of(SERVER));
        }
        return removed;
    }

    /** The Short Server IDs of the server (not bootstrap-server) accounts in {@code tree}. */
    static Set<Integer> securitySsids(ObjectTree tree) {
        Set<Integer> ssids = new TreeSet<>();
        for (LwM2mObjectInstance i : instances(tree, SECURITY)) {
            boolean bootstrap = i.resource(SecurityResources.BOOTSTRAP_SERVER) instanceof SingleResource bs && bs.value().asBoolean();
            if (!bootstrap && i.resource(SecurityResources.SHORT_SERVER_ID) instanceof SingleResource ssid) {
                ssids.add((int) ssid.value().asLong());
            }
        }
        return ssids;
    }

    private static List<LwM2mObjectInstance> instances(ObjectTree tree, int objectId) {
        LwM2mObject o = tree.objects().get(objectId);
        return o == null ? List.of() : List.copyOf(o.instances().values());
    }
}
