package org.gatehouse.bsserver.impl;

import com.fasterxml.jackson.databind.JsonNode;

/** Required fields of a configuration document, each failure naming the field. */
final class Json {

    private Json() {
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": a non-empty string is required" + found(n));
        }
        return n.asText();
    }

    static long integer(JsonNode parent, String field, long min, long max) {
        JsonNode n = parent.path(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw new IllegalArgumentException(field + ": a whole number " + min + ".." + max + " is required" + found(n));
        }
        return n.asLong();
    }

    static boolean bool(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(field + ": true or false is required" + found(n));
        }
        return n.asBoolean();
    }

    static byte[] bytes(JsonNode parent, String field) {
        String text = text(parent, field);
        try {
            return JsonValues.bytes(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": neither \"hex:…\" nor Base64: " + e.getMessage(), e);
        }
    }

    private static String found(JsonNode n) {
        return n.isMissingNode() ? ", but it is missing" : ", found " + n;
    }
}
