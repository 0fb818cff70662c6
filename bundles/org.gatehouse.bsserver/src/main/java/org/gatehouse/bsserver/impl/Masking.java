package org.gatehouse.bsserver.impl;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.OscoreResources;
import org.gatehouse.lwm2m.model.SecurityResources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A configuration document as it may be shown (shell, logs): every secret replaced by "***". Secrets
 * are the "key" and "privateKey" of credentials and accounts, and the secret resources of Security
 * (/0/x/5 Secret Key, /0/x/8 SMS Binding Secret Keys) and OSCORE (/21/x/0 Master Secret), whether
 * given as an account's "securityResources" or as an instance of "objects".
 */
final class Masking {

    static final String MASK = "***";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECRET_FIELDS = Set.of("key", "privateKey");
    private static final Map<Integer, Set<String>> SECRET_RESOURCES = Map.of(
        ObjectIds.SECURITY, Set.of(Integer.toString(SecurityResources.SECRET_KEY), Integer.toString(SecurityResources.SMS_BINDING_SECRET_KEYS)),
        ObjectIds.OSCORE, Set.of(Integer.toString(OscoreResources.MASTER_SECRET)));

    private Masking() {
    }

    static String masked(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            mask(root);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return "(not JSON)";
        }
    }

    private static void mask(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if (o.path("path").isTextual() && o.path("resources").isObject()) {
                maskResources((ObjectNode) o.get("resources"), objectOf(o.get("path").asText()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
                    e.setValue(o.textNode(MASK));
                } else if (e.getKey().equals("securityResources") && e.getValue() instanceof ObjectNode resources) {
                    maskResources(resources, ObjectIds.SECURITY);
                } else {
                    mask(e.getValue());
                }
            }
        } else if (n.isArray()) {
            n.forEach(Masking::mask);
        }
    }

    private static void maskResources(ObjectNode resources, int objectId) {
        for (String id : SECRET_RESOURCES.getOrDefault(objectId, Set.of())) {
            if (resources.has(id)) {
                resources.put(id, MASK); // a multiple resource (SMS keys) goes as a whole
            }
        }
    }

    private static int objectOf(String path) {
        try {
            return LwM2mPath.parse(path).objectId();
        } catch (IllegalArgumentException e) {
            return -1; // not a path: nothing to mask by object (the parser refuses it anyway)
        }
    }
}
