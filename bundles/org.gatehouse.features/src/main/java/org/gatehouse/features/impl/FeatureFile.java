package org.gatehouse.features.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.features.FeatureException;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The parts of an OSGi Feature JSON file (Compendium Feature Service) the manager acts on: id,
 * title, description, bundles and configurations. Read with Jackson, which the core feature carries,
 * rather than with org.apache.felix.feature, which lives on the launcher's class path only.
 */
record FeatureFile(String name, String id, String title, String description, List<String> bundles,
    Map<String, Map<String, Object>> configurations) {

    // The Feature format is "JSON with comments".
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    FeatureFile {
        bundles = List.copyOf(bundles);
        configurations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
    }

    static FeatureFile read(String name, Path file) throws FeatureException {
        if (!Files.isRegularFile(file)) {
            throw new FeatureException("No feature '" + name + "': " + file + " does not exist (feature:list shows the features there)");
        }
        try {
            return parse(name, JSON.readTree(file.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new FeatureException("Feature '" + name + "' cannot be read from " + file + ": " + e.getMessage(), e);
        }
    }

    static FeatureFile parse(String name, JsonNode root) {
        if (root == null || !root.isObject() || !root.path("id").isTextual()) {
            throw new IllegalArgumentException("not an OSGi feature (a JSON object with an \"id\")");
        }
        List<String> bundles = new ArrayList<>();
        for (JsonNode b : root.path("bundles")) {
            // a bundle is an object with an "id", or its id as a plain string
            JsonNode id = b.isTextual() ? b : b.path("id");
            if (!id.isTextual()) {
                throw new IllegalArgumentException("a bundle without an id: " + b);
            }
            MavenId.parse(id.asText()); // refused here rather than at install
            bundles.add(id.asText());
        }
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("configurations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            configurations.put(c.getKey(), ConfigurationValues.of(c.getValue()));
        }
        String id = root.path("id").asText();
        return new FeatureFile(name, id, root.path("title").asText(name), root.path("description").asText(""), bundles, configurations);
    }
}
