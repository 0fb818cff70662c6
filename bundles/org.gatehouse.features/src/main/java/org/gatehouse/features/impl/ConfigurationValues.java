package org.gatehouse.features.impl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration of a feature file as ConfigAdmin properties. Plain JSON values map as the
 * Configuration Resources format maps them (integral numbers Long, others Double, booleans, strings,
 * arrays of one of these); a key may carry a type ("port:Integer", "hosts:String[]").
 */
final class ConfigurationValues {

    private ConfigurationValues() {
    }

    /** @param config a JSON object as {@link JsonTree} reads it */
    static Map<String, Object> of(Object config) {
        if (!(config instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a configuration is a JSON object: " + config);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String name = (String) k;
            int colon = name.indexOf(':');
            String key = colon < 0 ? name : name.substring(0, colon);
            String type = colon < 0 ? "" : name.substring(colon + 1);
            props.put(key, value(v, type.replace("[]", "")));
        });
        return props;
    }

    private static Object value(Object v, String type) {
        if (v instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(scalar(item, type)));
            if (items.isEmpty()) {
                return new String[0];
            }
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(items.get(0).getClass(), items.size());
            return items.toArray(array);
        }
        return scalar(v, type);
    }

    private static Object scalar(Object v, String type) {
        return switch (type) {
            case "String" -> String.valueOf(v);
            case "Integer", "int" -> number(v).intValue();
            case "Long", "long" -> number(v).longValue();
            case "Double", "double" -> number(v).doubleValue();
            case "Float", "float" -> number(v).floatValue();
            case "Boolean", "boolean" -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
            case "" -> v instanceof BigInteger big ? big.longValue() : v instanceof Map || v == null ? String.valueOf(v) : v;
            default -> throw new IllegalArgumentException("unsupported configuration type '" + type + "'");
        };
    }

    /** A number as given, or a string holding one (0 for anything else, as Jackson's asInt and asLong had it). */
    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
