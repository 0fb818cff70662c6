package org.gatehouse.features.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.features.FeatureException;

/**
 * The parts of an OSGi Feature JSON file (Compendium Feature Service) the manager acts on: id,
 * title, description, bundles and configurations. Read with Jackson's streaming parser ({@link JsonTree}),
 * which the core feature carries, rather than with org.apache.felix.feature, which lives on the
 * launcher's class path only.
 */
record FeatureFile(String name, String id, String title, String description, List<String> bundles,
    Map<String, Map<String, Object>> configurations) {

    FeatureFile {
        bundles = List.copyOf(bundles);
        configurations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
    }

    static FeatureFile read(String name, Path file) throws FeatureException {
        if (!Files.isRegularFile(file)) {
            throw new FeatureException("No feature '" + name + "': " + file + " does not exist (feature:list shows the features there)");
        }
        try {
            return parse(name, JsonTree.read(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new FeatureException("Feature '" + name + "' cannot be read from " + file + ": " + e.getMessage(), e);
        }
    }

    static FeatureFile parse(String name, Object tree) {
        if (!(tree instanceof Map<?, ?> root) || !(root.get("id") instanceof String id)) {
            throw new IllegalArgumentException("not an OSGi feature (a JSON object with an \"id\")");
        }
        List<String> bundles = new ArrayList<>();
        for (Object b : root.get("bundles") instanceof List<?> list ? list : List.of()) {
            // a bundle is an object with an "id", or its id as a plain string
            Object bundleId = b instanceof Map<?, ?> m ? m.get("id") : b;
            if (!(bundleId instanceof String text)) {
                throw new IllegalArgumentException("a bundle without an id: " + b);
            }
            MavenId.parse(text); // refused here rather than at install
            bundles.add(text);
        }
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        if (root.get("configurations") instanceof Map<?, ?> configs) {
            configs.forEach((pid, c) -> configurations.put((String) pid, ConfigurationValues.of(c)));
        }
        return new FeatureFile(name, id, text(root.get("title"), name), text(root.get("description"), ""), bundles, configurations);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value);
    }
}
