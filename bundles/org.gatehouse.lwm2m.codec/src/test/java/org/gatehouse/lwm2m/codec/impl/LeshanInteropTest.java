package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our codecs against Eclipse Leshan's, the independent reference: on thousands of random nodes, TLV
 * bytes must be identical, and SenML JSON/CBOR written by either side must decode on the other to an
 * equal node.
 */
class LeshanInteropTest {

    private static final int OBJECTS_PER_MODEL = 400;
    private static LwM2mModel leshanModel;
    private static final DefaultLwM2mEncoder LESHAN_ENCODER = new DefaultLwM2mEncoder();
    private static final DefaultLwM2mDecoder LESHAN_DECODER = new DefaultLwM2mDecoder();

    @BeforeAll
    static void models() throws Exception {
        leshanModel = LeshanBridge.model();
    }

    /** Every random object, then each of its instances and resources, with the path that addresses it. */
    private static List<Sample> samples(long seed, boolean sparseIds, boolean hugeUnsigned) {
        RandomNodes random = new RandomNodes(seed, sparseIds, hugeUnsigned);
        List<Sample> samples = new ArrayList<>();
        for (ObjectModel model : List.of(model(0), model(1), model(2), model(3), model(4), model(33000))) {
            for (int n = 0; n < OBJECTS_PER_MODEL; n++) {
                LwM2mObject o = random.object(model);
                samples.add(new Sample(LwM2mPath.of(o.id()), o));
                for (LwM2mObjectInstance i : o.instances().values()) {
                    if (i.resources().isEmpty()) {
                        continue; // Leshan cannot say an empty instance in SenML either
                    }
                    samples.add(new Sample(LwM2mPath.of(o.id(), i.id()), i));
                    for (LwM2mResource r : i.resources().values()) {
                        samples.add(new Sample(LwM2mPath.of(o.id(), i.id(), r.id()), r));
                    }
                }
            }
        }
        return samples;
    }

    private static ObjectModel model(int id) {
        return TestModels.MODELS.find(id).orElseThrow();
    }

    private record Sample(LwM2mPath path, LwM2mNode node) {
    }

    @Test
    void tlv_bytes_equal_leshans_and_decode_both_ways() throws Exception {
        TlvCodec ours = new TlvCodec();
        int compared = 0;
        // Values Leshan can carry: unsigned below 2^63 and times before 2038 (Leshan writes larger ones
        // in a shortened, lossy form; see unsigned_and_times_beyond_leshans_range_survive_our_round_trip).
        for (Sample s : samples(42, false, false)) {
            byte[] mine = ours.encode(s.path, s.node, TestModels.MODELS);
            byte[] theirs = LESHAN_ENCODER.encode(LeshanBridge.toLeshan(s.node), ContentFormat.TLV, LeshanBridge.path(s.path), leshanModel);
            // same entries, byte for byte; Leshan's sibling order follows its hash maps, ours ascends by id
            assertArrayEquals(TlvCanonical.sort(theirs), mine, () -> s.path + " " + s.node + "\nleshan=" + HexFormat.of().formatHex(TlvCanonical.sort(theirs)) + "\nours  =" + HexFormat.of().formatHex(mine));
            assertEquals(s.node, ours.decode(theirs, s.path, TestModels.MODELS), s.path.toString());
            compared++;
        }
        assertEquals(true, compared > 3000, "compared " + compared);
    }

    @Test
    void tlv_with_sparse_instance_ids_decodes_equal_both_ways() throws Exception {
        TlvCodec ours = new TlvCodec();
        for (Sample s : samples(43, true, false)) {
            byte[] theirs = LESHAN_ENCODER.encode(LeshanBridge.toLeshan(s.node), ContentFormat.TLV, LeshanBridge.path(s.path), leshanModel);
            assertEquals(s.node, ours.decode(theirs, s.path, TestModels.MODELS), s.path.toString());
            byte[] mine = ours.encode(s.path, s.node, TestModels.MODELS);
            assertEquals(s.node, LeshanBridge.fromLeshan(LESHAN_DECODER.decode(mine, ContentFormat.TLV, LeshanBridge.path(s.path), leshanModel)));
        }
    }

    @Test
    void unsigned_and_times_beyond_leshans_range_survive_our_round_trip() throws Exception {
        TlvCodec ours = new TlvCodec();
        for (Sample s : samples(44, false, true)) {
            assertEquals(s.node, ours.decode(ours.encode(s.path, s.node, TestModels.MODELS), s.path, TestModels.MODELS));
        }
    }

    @Test
    void senml_json_decodes_both_ways() throws Exception {
        bothWays(new SenmlJsonCodec(), ContentFormat.SENML_JSON, 7);
    }

    @Test
    void senml_cbor_decodes_both_ways() throws Exception {
        bothWays(new SenmlCborCodec(), ContentFormat.SENML_CBOR, 9);
    }

    private static void bothWays(ContentCodec ours, ContentFormat format, long seed) throws Exception {
        int compared = 0;
        for (Sample s : samples(seed, true, true)) {
            if (s.node instanceof org.gatehouse.lwm2m.model.MultipleResource m && m.values().isEmpty()) {
                continue;
            }
            byte[] mine = ours.encode(s.path, s.node, TestModels.MODELS);
            org.eclipse.leshan.core.node.LwM2mNode decodedByLeshan = LESHAN_DECODER.decode(mine, format, LeshanBridge.path(s.path), leshanModel);
            assertEquals(s.node, LeshanBridge.fromLeshan(decodedByLeshan), () -> s.path + " ours->leshan " + new String(mine));
            byte[] theirs = LESHAN_ENCODER.encode(LeshanBridge.toLeshan(s.node), format, LeshanBridge.path(s.path), leshanModel);
            assertEquals(s.node, ours.decode(theirs, s.path, TestModels.MODELS), () -> s.path + " leshan->ours " + new String(theirs));
            compared++;
        }
        assertEquals(true, compared > 3000, "compared " + compared);
    }
}
