package org.gatehouse.bsserver.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.AccessControlResources;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses and validates a configuration document (format in the bundle's README). Every problem is
 * collected, each naming its field, so one refusal tells the operator everything to fix.
 */
final class ConfigParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIELDS = List.of("endpoint", "credential", "contentFormat", "deleteFirst", "discoverFirst", "readFirst",
        "bootstrapAccount", "servers", "acl", "objects", "order");

    private final ModelLookup models;

    ConfigParser(ModelLookup models) {
        this.models = models;
    }

    static JsonNode tree(String json) throws InvalidConfigException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new InvalidConfigException(List.of("the document must be one JSON object"));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of("not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr()));
        }
    }

    EndpointConfig parse(String json) throws InvalidConfigException {
        JsonNode root = tree(json);
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add(f + ": unknown field; known are " + FIELDS);
            }
        });
        String key = section(problems, "endpoint", () -> endpoint(root), "");
        Optional<EndpointCredential> credential = section(problems, "credential", () -> credential(root, key), Optional.empty());
        Optional<EndpointCredential> local = section(problems, "servers", () -> LocalServerAccount.credential(list(root, "servers"), key),
            Optional.empty());
        Optional<ContentFormat> format = section(problems, "contentFormat", () -> format(root), Optional.empty());
        List<LwM2mPath> deletes = section(problems, "deleteFirst", () -> deletes(root.path("deleteFirst")), List.of());
        boolean discover = section(problems, "discoverFirst", () -> root.has("discoverFirst") && Json.bool(root, "discoverFirst"), false);
        List<LwM2mPath> reads = section(problems, "readFirst", () -> reads(root.path("readFirst")), List.of());
        List<LwM2mPath> order = section(problems, "order", () -> paths(root.path("order"), 2), List.of());
        List<EndpointConfig.Write> writes = new ArrayList<>();
        writes(root, problems, writes::add);
        Set<LwM2mPath> seen = new HashSet<>();
        for (EndpointConfig.Write w : writes) {
            if (!seen.add(w.path())) {
                problems.add(w.path() + ": written twice; give the instances distinct ids");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new EndpointConfig(key, credential, local, format, deletes, discover, reads, order, writes);
    }

    private interface Part<T> {
        T get();
    }

    private static <T> T section(List<String> problems, String name, Part<T> part, T fallback) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            String m = e.getMessage();
            problems.add(m != null && m.startsWith(name) ? m : name + ": " + m);
            return fallback;
        }
    }

    private static String endpoint(JsonNode root) {
        String key = Json.text(root, "endpoint");
        int star = key.indexOf('*');
        if (star >= 0 && star != key.length() - 1) {
            throw new IllegalArgumentException("endpoint: '" + key + "': a prefix has one '*', at the end ('*' alone serves every endpoint)");
        }
        return key;
    }

    private static Optional<EndpointCredential> credential(JsonNode root, String key) {
        JsonNode c = root.path("credential");
        if (c.isMissingNode()) {
            return Optional.empty();
        }
        if (key.endsWith("*")) {
            throw new IllegalArgumentException("credential: a credential belongs to one endpoint; give it in that endpoint's own configuration");
        }
        String mode = Json.text(c, "mode");
        return Optional.of(switch (mode) {
            case "psk" -> new EndpointCredential(key, EndpointCredential.Kind.PSK, Json.text(c, "identity"), Json.bytes(c, "key"));
            case "rpk" -> new EndpointCredential(key, EndpointCredential.Kind.RPK,
                java.util.Base64.getEncoder().encodeToString(Json.bytes(c, "publicKey")), null);
            case "x509" -> new EndpointCredential(key, EndpointCredential.Kind.X509, Json.text(c, "cn"), null);
            default -> throw new IllegalArgumentException("credential.mode: '" + mode + "' is none of psk, rpk, x509");
        });
    }

    private static Optional<ContentFormat> format(JsonNode root) {
        if (!root.has("contentFormat")) {
            return Optional.empty();
        }
        String name = Json.text(root, "contentFormat");
        return Optional.of(switch (name) {
            case "TLV" -> ContentFormat.TLV;
            case "SENML_JSON" -> ContentFormat.SENML_JSON;
            case "SENML_CBOR" -> ContentFormat.SENML_CBOR;
            default -> throw new IllegalArgumentException("contentFormat: '" + name + "' is none of TLV, SENML_JSON, SENML_CBOR");
        });
    }

    private static List<LwM2mPath> deletes(JsonNode n) {
        if (n.isMissingNode() || n.isBoolean()) {
            return n.asBoolean(false) ? List.of(LwM2mPath.ROOT) : List.of();
        }
        return paths(n, 2);
    }

    private static List<LwM2mPath> reads(JsonNode n) {
        List<LwM2mPath> paths = paths(n, 2);
        for (LwM2mPath p : paths) {
            if (p.isRoot() || (p.objectId() != ObjectIds.SERVER && p.objectId() != ObjectIds.ACCESS_CONTROL)) {
                throw new IllegalArgumentException("readFirst: Bootstrap-Read reaches /1 and /2 only, not " + p);
            }
        }
        return paths;
    }

    private static List<LwM2mPath> paths(JsonNode n, int maxDepth) {
        if (n.isMissingNode()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("a list of paths such as [\"/1\", \"/0/1\"] is required");
        }
        List<LwM2mPath> paths = new ArrayList<>();
        for (JsonNode p : n) {
            LwM2mPath path = LwM2mPath.parse(p.asText());
            if (!p.isTextual() || path.depth() > maxDepth) {
                throw new IllegalArgumentException("'" + p.asText() + "' is not an object or instance path");
            }
            paths.add(path);
        }
        return paths;
    }

    private void writes(JsonNode root, List<String> problems, Consumer<EndpointConfig.Write> out) {
        JsonNode bs = root.path("bootstrapAccount");
        if (!bs.isMissingNode()) {
            section(problems, "bootstrapAccount", () -> {
                int instance = bs.has("instance") ? (int) Json.integer(bs, "instance", 0, 65535) : 0;
                out.accept(write(ObjectIds.SECURITY, Accounts.security(instance, bs, -1, models)));
                return null;
            }, null);
        }
        JsonNode servers = root.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            problems.add("servers: at least one server account is required, a list of {ssid, uri, security, ...}");
        }
        Set<Long> ssids = new HashSet<>();
        int index = 0;
        for (JsonNode s : servers) {
            int i = index++;
            section(problems, "servers[" + i + "]", () -> {
                int ssid = (int) Json.integer(s, "ssid", 1, 65534);
                if (!ssids.add((long) ssid)) {
                    throw new IllegalArgumentException("ssid " + ssid + " given twice");
                }
                int sec = s.has("securityInstance") ? (int) Json.integer(s, "securityInstance", 0, 65535) : i + 1;
                int srv = s.has("serverInstance") ? (int) Json.integer(s, "serverInstance", 0, 65535) : i;
                out.accept(write(ObjectIds.SECURITY, Accounts.security(sec, s, ssid, models)));
                out.accept(write(ObjectIds.SERVER, Accounts.server(srv, s, ssid, models)));
                return null;
            }, null);
        }
        for (String list : List.of("acl", "objects")) {
            if (root.has(list) && !root.get(list).isArray()) {
                problems.add(list + ": a list [ {...}, ... ] is required, found " + root.get(list).getNodeType());
            }
        }
        index = 0;
        for (JsonNode a : list(root, "acl")) {
            int i = index++;
            section(problems, "acl[" + i + "]", () -> {
                out.accept(write(ObjectIds.ACCESS_CONTROL, acl(a, i)));
                return null;
            }, null);
        }
        index = 0;
        for (JsonNode o : list(root, "objects")) {
            int i = index++;
            section(problems, "objects[" + i + "]", () -> {
                out.accept(object(o));
                return null;
            }, null);
        }
    }

    private static JsonNode list(JsonNode root, String field) {
        JsonNode n = root.path(field);
        return n.isArray() ? n : JSON.createArrayNode();
    }

    private static EndpointConfig.Write write(int objectId, LwM2mObjectInstance instance) {
        return new EndpointConfig.Write(LwM2mPath.of(objectId, instance.id()), instance);
    }

    private LwM2mObjectInstance acl(JsonNode a, int index) {
        int instance = a.has("instance") ? (int) Json.integer(a, "instance", 0, 65535) : index;
        LwM2mObjectInstance i = LwM2mObjectInstance.of(instance,
            SingleResource.of(AccessControlResources.OBJECT_ID, Value.integer(Json.integer(a, "objectId", 1, 65534))),
            SingleResource.of(AccessControlResources.OBJECT_INSTANCE_ID, Value.integer(Json.integer(a, "objectInstanceId", 0, 65535))),
            SingleResource.of(AccessControlResources.ACCESS_CONTROL_OWNER, Value.integer(Json.integer(a, "owner", 0, 65535))));
        if (a.has("acl")) {
            i = Accounts.withExtra(i, JSON.createObjectNode().set(Integer.toString(AccessControlResources.ACL), a.get("acl")),
                models.find(ObjectIds.ACCESS_CONTROL).orElseThrow());
        }
        return i;
    }

    private EndpointConfig.Write object(JsonNode o) {
        LwM2mPath path = LwM2mPath.parse(Json.text(o, "path"));
        if (!path.isObjectInstance()) {
            throw new IllegalArgumentException("path: '" + path + "' is not an instance path /object/instance");
        }
        ObjectModel model = models.find(path.objectId()).orElseThrow(() -> new IllegalArgumentException("object " + path.objectId()
            + " has no model here; add its DDF file to etc/models"));
        JsonNode resources = o.path("resources");
        if (!resources.isObject()) {
            throw new IllegalArgumentException("resources: an object of resource id to value is required");
        }
        return new EndpointConfig.Write(path, Accounts.withExtra(LwM2mObjectInstance.of(path.instanceId()), resources, model));
    }
}
