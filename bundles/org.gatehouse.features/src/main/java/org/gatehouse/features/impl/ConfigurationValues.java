package org.gatehouse.features.impl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configuration of a feature file as ConfigAdmin properties. Plain JSON values map as the
 * Configuration Resources format maps them (integral numbers Long, others Double, booleans, strings,
 * arrays of one of these); a key may carry a type ("port:Integer", "hosts:String[]").
 */
final class ConfigurationValues {

    private ConfigurationValues() {
    }

    static Map<String, Object> of(JsonNode config) {
        if (!config.isObject()) {
            throw new IllegalArgumentException("a configuration is a JSON object: " + config);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int colon = e.getKey().indexOf(':');
            String key = colon < 0 ? e.getKey() : e.getKey().substring(0, colon);
            String type = colon < 0 ? "" : e.getKey().substring(colon + 1);
            props.put(key, value(e.getValue(), type.replace("[]", "")));
        }
        return props;
    }

    private static Object value(JsonNode v, String type) {
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(scalar(item, type)));
            if (items.isEmpty()) {
                return new String[0];
            }
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(items.get(0).getClass(), items.size());
            return items.toArray(array);
        }
        return scalar(v, type);
    }

    private static Object scalar(JsonNode v, String type) {
        return switch (type) {
            case "String" -> v.asText();
            case "Integer", "int" -> v.asInt();
            case "Long", "long" -> v.asLong();
            case "Double", "double" -> v.asDouble();
            case "Float", "float" -> (float) v.asDouble();
            case "Boolean", "boolean" -> v.asBoolean();
            case "" -> v.isBoolean() ? (Object) v.asBoolean()
                : v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText();
            default -> throw new IllegalArgumentException("unsupported configuration type '" + type + "'");
        };
    }
}
