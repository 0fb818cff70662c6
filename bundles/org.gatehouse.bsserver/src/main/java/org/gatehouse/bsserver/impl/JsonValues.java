package org.gatehouse.bsserver.impl;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON values of a configuration turned into typed LwM2M values, by the resource's model. Bytes are
 * {@code "hex:…"} or Base64; object links {@code "3:0"}; times epoch seconds.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Bytes from {@code "hex:0a0b"} or Base64 text. */
    static byte[] bytes(String text) {
        if (text.startsWith("hex:")) {
            return HexFormat.of().parseHex(text.substring(4));
        }
        return Base64.getDecoder().decode(text);
    }

    /** The resource {@code model} describes, from {@code json}: an array-less value, or an object of instance id to value when multiple. */
    static LwM2mResource resource(ResourceModel model, JsonNode json) {
        if (!model.multiple()) {
            return SingleResource.of(model.id(), value(model.type(), json));
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("resource " + model.id() + " is multiple: give an object of instance id to value");
        }
        Map<Integer, Value> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(id(e.getKey()), value(model.type(), e.getValue()));
        }
        return MultipleResource.of(model.id(), model.type(), values);
    }

    static Value value(ResourceType type, JsonNode json) {
        return switch (type) {
            case STRING -> Value.string(text(json, type));
            case CORELNK -> Value.corelnk(text(json, type));
            case INTEGER -> Value.integer(integral(json, type));
            case UNSIGNED_INTEGER -> {
                long v = integral(json, type);
                if (v < 0) {
                    throw new IllegalArgumentException("an unsigned integer cannot be negative: " + v);
                }
                yield Value.unsigned(v);
            }
            case TIME -> Value.time(integral(json, type));
            case FLOAT -> {
                if (!json.isNumber()) {
                    throw new IllegalArgumentException("expected a number, found " + json);
                }
                yield Value.floating(json.asDouble());
            }
            case BOOLEAN -> {
                if (!json.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false, found " + json);
                }
                yield Value.bool(json.asBoolean());
            }
            case OPAQUE -> Value.opaque(bytes(text(json, type)));
            case OBJLNK -> {
                List<String> parts = List.of(text(json, type).split(":"));
                if (parts.size() != 2) {
                    throw new IllegalArgumentException("an object link is \"object:instance\", not " + json);
                }
                yield Value.objlnk(new ObjectLink(id(parts.get(0)), id(parts.get(1))));
            }
            default -> throw new IllegalArgumentException("resources of type " + type + " carry no value");
        };
    }

    static int id(String text) {
        try {
            int id = Integer.parseInt(text);
            if (id < 0 || id > 65535) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an id 0..65535");
        }
    }

    private static String text(JsonNode json, ResourceType type) {
        if (!json.isTextual()) {
            throw new IllegalArgumentException("expected a string for " + type + ", found " + json);
        }
        return json.asText();
    }

    private static long integral(JsonNode json, ResourceType type) {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw new IllegalArgumentException("expected a whole number for " + type + ", found " + json);
        }
        return json.asLong();
    }
}
