package org.gatehouse.lwm2m.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An LwM2M path: "/", "/o", "/o/i", "/o/i/r" or "/o/i/r/ri". Absent levels are {@link #NONE}.
 *
 * @since 1.0.0
 */
public record LwM2mPath(int objectId, int instanceId, int resourceId, int resourceInstanceId) {

    /** Marks an absent path level. */
    public static final int NONE = -1;
    /** The root path "/". */
    public static final LwM2mPath ROOT = new LwM2mPath(NONE, NONE, NONE, NONE);

    public LwM2mPath {
        int[] ids = {objectId, instanceId, resourceId, resourceInstanceId};
        boolean absent = false;
        for (int id : ids) {
            if (id == NONE) {
                absent = true;
            } else if (absent) {
                throw new InvalidPathException("a path level follows an absent one: " + List.of(objectId, instanceId, resourceId, resourceInstanceId));
            } else if (id < 0 || id > 65535) {
                throw new InvalidPathException("path id out of range 0..65535: " + id);
            }
        }
    }

    public static LwM2mPath of(int objectId) { return new LwM2mPath(objectId, NONE, NONE, NONE); }

    public static LwM2mPath of(int objectId, int instanceId) { return new LwM2mPath(objectId, instanceId, NONE, NONE); }

    public static LwM2mPath of(int objectId, int instanceId, int resourceId) { return new LwM2mPath(objectId, instanceId, resourceId, NONE); }

    public static LwM2mPath of(int objectId, int instanceId, int resourceId, int resourceInstanceId) {
        return new LwM2mPath(objectId, instanceId, resourceId, resourceInstanceId);
    }

    /** Parses "/3/0/1"; a trailing slash is accepted, empty levels and non-numbers are not. */
    public static LwM2mPath parse(String text) {
        if (text == null || text.isEmpty() || text.equals("/")) {
            return ROOT;
        }
        String body = text.startsWith("/") ? text.substring(1) : text;
        if (body.endsWith("/")) {
            body = body.substring(0, body.length() - 1);
        }
        int[] ids = {NONE, NONE, NONE, NONE};
        int level = 0;
        int start = 0;
        while (true) {
            int slash = body.indexOf('/', start);
            String part = slash < 0 ? body.substring(start) : body.substring(start, slash);
            if (level == 4) {
                throw new InvalidPathException("path has more than 4 levels: " + text);
            }
            ids[level++] = parseId(part, text);
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return new LwM2mPath(ids[0], ids[1], ids[2], ids[3]);
    }

    private static int parseId(String part, String text) {
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9' || i >= 5) {
                value = -1;
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (part.isEmpty() || value < 0) {
            throw new InvalidPathException("invalid path '" + text + "': '" + part + "' is not an id 0..65535");
        }
        return value;
    }

    /** Number of levels present: 0 for root, 4 for a resource instance. */
    public int depth() {
        return objectId == NONE ? 0 : instanceId == NONE ? 1 : resourceId == NONE ? 2 : resourceInstanceId == NONE ? 3 : 4;
    }

    public boolean isRoot() { return depth() == 0; }

    public boolean isObject() { return depth() == 1; }

    public boolean isObjectInstance() { return depth() == 2; }

    public boolean isResource() { return depth() == 3; }

    public boolean isResourceInstance() { return depth() == 4; }

    /** A path one level deeper. */
    public LwM2mPath append(int id) {
        return switch (depth()) {
            case 0 -> of(id);
            case 1 -> of(objectId, id);
            case 2 -> of(objectId, instanceId, id);
            case 3 -> of(objectId, instanceId, resourceId, id);
            default -> throw new InvalidPathException("cannot go below a resource instance: " + this);
        };
    }

    /** True when this path equals {@code other} or lies above it. */
    public boolean startsWith(LwM2mPath prefix) {
        int[] mine = ids();
        int[] theirs = prefix.ids();
        for (int i = 0; i < theirs.length; i++) {
            if (theirs[i] != NONE && theirs[i] != mine[i]) {
                return false;
            }
        }
        return prefix.depth() <= depth();
    }

    private int[] ids() {
        return new int[] {objectId, instanceId, resourceId, resourceInstanceId};
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "/";
        }
        List<String> parts = new ArrayList<>();
        for (int id : ids()) {
            if (id != NONE) {
                parts.add(Integer.toString(id));
            }
        }
        return "/" + String.join("/", parts);
    }
}
