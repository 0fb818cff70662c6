package org.gatehouse.lwm2m.model;

/**
 * An Objlnk value "objectId:instanceId"; 65535:65535 is the null link.
 *
 * @since 1.0.0
 */
public record ObjectLink(int objectId, int instanceId) {

    public ObjectLink {
        if (objectId < 0 || objectId > 65535 || instanceId < 0 || instanceId > 65535) {
            throw new IllegalArgumentException("object link out of range: " + objectId + ":" + instanceId);
        }
    }

    /** Parses "3:0". */
    public static ObjectLink parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("object link must look like 'object:instance': " + text);
        }
        try {
            return new ObjectLink(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("object link must look like 'object:instance': " + text, e);
        }
    }

    @Override
    public String toString() {
        return objectId + ":" + instanceId;
    }
}
