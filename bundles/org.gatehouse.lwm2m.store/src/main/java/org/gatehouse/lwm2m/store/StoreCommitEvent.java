package org.gatehouse.lwm2m.store;

import java.util.List;
import java.util.Objects;

import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * What one commit changed, handed to every {@link StoreListener} after the commit is durable, in
 * commit order. An object path appears in {@link #added()} or {@link #removed()} when the object
 * appears or disappears as a whole; an instance path appears when the instance does, and in
 * {@link #changed()} when its content or its writer differs. Objects whose instances changed are not
 * listed themselves. Immutable; the same instance goes to every listener.
 *
 * @since 1.1.0
 */
public final class StoreCommitEvent {

    private final long revision;
    private final String writer;
    private final List<LwM2mPath> added;
    private final List<LwM2mPath> changed;
    private final List<LwM2mPath> removed;

    private StoreCommitEvent(long revision, String writer, List<LwM2mPath> added, List<LwM2mPath> changed, List<LwM2mPath> removed) {
        this.revision = revision;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.added = List.copyOf(added);
        this.changed = List.copyOf(changed);
        this.removed = List.copyOf(removed);
    }

    /**
     * @throws IllegalArgumentException if the revision is not positive or a path is not an object or instance path
     */
    public static StoreCommitEvent of(long revision, String writer, List<LwM2mPath> added, List<LwM2mPath> changed, List<LwM2mPath> removed) {
        if (revision < 1) {
            throw new IllegalArgumentException("a commit creates revision 1 or later, not " + revision);
        }
        for (List<LwM2mPath> paths : List.of(added, changed, removed)) {
            for (LwM2mPath p : paths) {
                if (!p.isObject() && !p.isObjectInstance()) {
                    throw new IllegalArgumentException("commit events list objects and instances, not " + p);
                }
            }
        }
        return new StoreCommitEvent(revision, writer, added, changed, removed);
    }

    /** The revision the commit created. */
    public long revision() {
        return revision;
    }

    /** The transaction's writer, e.g. {@code "server:101"} or {@code "bootstrap:coaps://bs.example:5684"}. */
    public String writer() {
        return writer;
    }

    /** Objects and instances that did not exist before, in path order. */
    public List<LwM2mPath> added() {
        return added;
    }

    /** Instances that existed before and after and whose content or writer differs, in path order. */
    public List<LwM2mPath> changed() {
        return changed;
    }

    /** Objects and instances that no longer exist, in path order. */
    public List<LwM2mPath> removed() {
        return removed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreCommitEvent e && revision == e.revision && writer.equals(e.writer) && added.equals(e.added)
            && changed.equals(e.changed) && removed.equals(e.removed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, writer, added, changed, removed);
    }

    @Override
    public String toString() {
        return "commit " + revision + " by " + writer + ": added " + added + ", changed " + changed + ", removed " + removed;
    }
}
