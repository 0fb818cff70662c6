package org.gatehouse.lwm2m.store;

import java.util.List;

import org.osgi.dto.DTO;

/**
 * What one commit changed, published on {@link #TOPIC} through the OSGi Typed Event service after the
 * commit is durable, in commit order. Paths are strings ({@code "/1/0"}) so that the event stays a
 * plain DTO the Typed Event bus can convert. An object appears in {@link #added} or
 * {@link #removed} when it appears or disappears as a whole; an instance whose content or writer
 * differs appears in {@link #changed}. Handlers subscribe with a
 * {@code TypedEventHandler<StoreCommitEvent>} service and {@code event.topics=} {@value #TOPIC}.
 *
 * <p>A wire type (public fields, per the OSGi DTO rules); treat received instances as read-only.
 *
 * @since 1.1.0
 */
public class StoreCommitEvent extends DTO {

    /** The Typed Event topic of commit events. */
    public static final String TOPIC = "org/gatehouse/lwm2m/store/COMMITTED";

    /** The revision the commit created. */
    public long revision;

    /** The transaction's writer, e.g. {@code "server:101"} or {@code "bootstrap:coaps://bs.example:5684"}. */
    public String writer;

    /** Objects and instances that did not exist before, in path order. */
    public List<String> added;

    /** Instances that existed before and after and whose content or writer differs, in path order. */
    public List<String> changed;

    /** Objects and instances that no longer exist, in path order. */
    public List<String> removed;
}
