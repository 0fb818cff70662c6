package org.gatehouse.registration.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object handlers, by object id: the registration's own (the Server object's actions), which
 * cannot be replaced, and those published on the whiteboard, where the highest service.ranking, then
 * the lowest service.id, serves an object. Reads see an immutable snapshot and take no lock.
 */
final class Handlers {

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);

    /** A published handler with what orders it among the others for its object. */
    private record Entry(ObjectHandler handler, int objectId, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private final Map<Integer, ObjectHandler> builtIn;
    private final List<Entry> published = new ArrayList<>(); // guarded by this
    private volatile Map<Integer, ObjectHandler> serving;

    Handlers(Map<Integer, ObjectHandler> builtIn) {
        this.builtIn = Map.copyOf(builtIn);
        this.serving = this.builtIn;
    }

    /** The handler serving {@code objectId}, if any. */
    Optional<ObjectHandler> find(int objectId) {
        return Optional.ofNullable(serving.get(objectId));
    }

    /** The objects that have a handler. */
    SortedSet<Integer> objectIds() {
        return new TreeSet<>(serving.keySet());
    }

    /**
     * Adds a published handler.
     *
     * @return true when the set of objects with a handler changed (its object had none before)
     */
    synchronized boolean add(ObjectHandler handler, Map<String, ?> properties) {
        Object id = properties.get(ObjectHandler.OBJECT_ID);
        Integer objectId = id instanceof Number n ? Integer.valueOf(n.intValue()) : id instanceof String s && s.trim().matches("\\d{1,5}")
            ? Integer.valueOf(s.trim()) : null;
        if (objectId == null || objectId > 65535) {
            LOG.warn("Object handler {} ignored: its {} property ({}) is not an object id", handler, ObjectHandler.OBJECT_ID, id);
            return false;
        }
        if (builtIn.containsKey(objectId)) {
            LOG.warn("Object handler {} for object {} ignored: the registration serves that object itself", handler, objectId);
            return false;
        }
        published.add(new Entry(handler, objectId, number(properties.get(Constants.SERVICE_RANKING)),
            number(properties.get(Constants.SERVICE_ID))));
        return refresh();
    }

    /**
     * Removes a published handler, whatever object it was added for.
     *
     * @return true when the set of objects with a handler changed (its object has none left)
     */
    synchronized boolean remove(ObjectHandler handler) {
        return published.removeIf(e -> e.handler() == handler) && refresh();
    }

    private boolean refresh() {
        Map<Integer, Entry> best = new HashMap<>();
        for (Entry e : published) {
            best.merge(e.objectId(), e, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
        }
        Map<Integer, ObjectHandler> next = new HashMap<>(builtIn);
        best.forEach((objectId, e) -> next.put(objectId, e.handler()));
        boolean changed = !next.keySet().equals(serving.keySet());
        serving = Map.copyOf(next);
        return changed;
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
