package org.gatehouse.lwm2m.model;

/**
 * A resource: single-valued or multiple (with resource instances).
 *
 * @since 1.0.0
 */
public sealed interface LwM2mResource extends LwM2mNode permits SingleResource, MultipleResource {

    /** The data type of the value(s). */
    ResourceType type();

    boolean isMultiple();
}
