package org.gatehouse.lwm2m.codec.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Generates random, model-conformant nodes (values at the edges of their ranges included). */
final class RandomNodes {

    private final Random random;

    private final boolean sparseIds;
    private final boolean beyondLeshan;

    /**
     * @param sparseIds    resource-instance ids anywhere in 0..65534 rather than 0..15
     * @param beyondLeshan include unsigned values of 2^63 and above, times after 2038
     */
    RandomNodes(long seed, boolean sparseIds, boolean beyondLeshan) {
        this.random = new Random(seed);
        this.sparseIds = sparseIds;
        this.beyondLeshan = beyondLeshan;
    }

    LwM2mObject object(ObjectModel model) {
        List<LwM2mObjectInstance> instances = new ArrayList<>();
        int count = model.multiple() ? 1 + random.nextInt(3) : 1;
        int id = model.multiple() ? random.nextInt(3) : 0;
        for (int i = 0; i < count; i++) {
            instances.add(instance(model, id));
            id += 1 + random.nextInt(sparseIds ? 20000 : 5);
        }
        return LwM2mObject.of(model.id(), instances);
    }

    LwM2mObjectInstance instance(ObjectModel model, int id) {
        List<LwM2mResource> resources = new ArrayList<>();
        for (ResourceModel r : model.resources().values()) {
            if (r.type() != ResourceType.NONE && r.type() != ResourceType.CORELNK && random.nextInt(3) > 0) {
                resources.add(resource(r));
            }
        }
        if (resources.isEmpty()) { // SenML has no way to say an empty instance
            resources.add(resource(model.resources().values().stream().filter(r -> r.type() != ResourceType.NONE).findFirst().orElseThrow()));
        }
        return LwM2mObjectInstance.of(id, resources);
    }

    LwM2mResource resource(ResourceModel r) {
        if (!r.multiple()) {
            return SingleResource.of(r.id(), value(r.type()));
        }
        TreeMap<Integer, Value> values = new TreeMap<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            values.put(sparseIds ? random.nextInt(65535) : random.nextInt(16), value(r.type()));
        }
        return new MultipleResource(r.id(), r.type(), values);
    }

    Value value(ResourceType type) {
        return switch (type) {
            case STRING -> Value.string(string());
            case INTEGER -> Value.integer(integer());
            case UNSIGNED_INTEGER -> Value.unsigned(beyondLeshan && random.nextInt(4) == 0 ? -1L - random.nextInt(1000) : integer() & Long.MAX_VALUE);
            case FLOAT -> Value.floating(switch (random.nextInt(4)) {
                case 0 -> random.nextFloat() * 1000;
                case 1 -> random.nextGaussian() * 1e12;
                case 2 -> (double) random.nextInt(1000);
                default -> random.nextDouble();
            });
            case BOOLEAN -> Value.bool(random.nextBoolean());
            case OPAQUE -> {
                byte[] b = new byte[random.nextInt(4) == 0 ? 300 + random.nextInt(70000) : random.nextInt(40)];
                random.nextBytes(b);
                yield Value.opaque(b);
            }
            case TIME -> Value.time((integer() & Long.MAX_VALUE) % (beyondLeshan ? 4_000_000_000L : Integer.MAX_VALUE));
            // 65535:65535 is the null link; other links use ids below 65535
            case OBJLNK -> Value.objlnk(random.nextInt(10) == 0 ? new ObjectLink(65535, 65535) : new ObjectLink(random.nextInt(65535), random.nextInt(65535)));
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private long integer() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(256) - 128;
            case 1 -> random.nextInt(65536) - 32768;
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            default -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        };
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(5) == 0 ? 200 + random.nextInt(400) : random.nextInt(20);
        String alphabet = "abcXYZ019 :/\"\\,;é€漢😀";
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return b.toString();
    }
}
