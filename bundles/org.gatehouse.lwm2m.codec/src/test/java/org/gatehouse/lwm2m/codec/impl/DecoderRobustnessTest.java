package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

/**
 * Every decoder on valid payloads mutated from a seed (see {@link PayloadMutator}): each case must give a
 * node or a CodecException whose message starts with the format's name, never another exception. A
 * failure lists each distinct fault once, with a payload that shows it.
 */
class DecoderRobustnessTest {

    // a few seconds for all formats; -Dfuzz.cases=100000 searches longer (about a minute a format)
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final int MAX_SEED_BYTES = 1500;

    private static final List<byte[]> JSON_TOKENS = PayloadMutator.text("1e999", "-1e999", "NaN", "1.5", "-1",
        "9223372036854775808", "18446744073709551616", "-9223372036854775809", "9223372036854775807", "[", "]", "{", "}", "\"", ",", ":",
        "\\u0000", "\\ud800", "null", "true", "\"v\":", "\"vs\":", "\"vd\":\"%%\"", "\"vlo\":\"70000:1\"", "\"bn\":\"/",
        "\"n\":\"65536\"", "\"n\":\"/3/0/0/0/0\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":",
        "\"e\":", "\"sv\":", "\"ov\":", "\"bv\":", "\u00e9", "\ud83d\ude00", "1" + "0".repeat(400));
    private static final List<byte[]> CBOR_TOKENS = List.of(hex("f97c00"), hex("f97e00"), hex("fb7ff0000000000000"),
        hex("fbfff0000000000000"), hex("1bffffffffffffffff"), hex("3bffffffffffffffff"), hex("c249010000000000000000"),
        hex("c3490100000000000000ff"), hex("c4821a7fffffff01"), hex("c5823a7fffffff01"), hex("5bffffffffffffffff"),
        hex("7bffffffffffffffff"), hex("9bffffffffffffffff"), hex("bbffffffffffffffff"), hex("5a7fffffff"), hex("9f"),
        hex("bf"), hex("ff"), hex("c1"), hex("62c328"), hex("63eda080"), hex("f6"), hex("f7"), hex("f0"), hex("a1"),
        hex("81".repeat(40)), hex("a10181".repeat(8)), hex("63766c6f67373030303a31"), hex("216131"), hex("0c"),
        hex("fa7fc00000"), hex("1a0000ffff"), hex("1b7fffffffffffffff"), hex("c11b7fffffffffffffff"));
    private static final List<byte[]> TLV_TOKENS = List.of(hex("d8ffffff"), hex("e8ffff08"), hex("080000"), hex("88ff08"),
        hex("c8060800ffffffffffffff"), hex("c8060880000000000000ff"), hex("c403ffffffff"), hex("c8030800000000fff00000"),
        hex("c707ffffffff"), hex("48ffff"), hex("00"), hex("c0"), hex("3fff"), hex("c2a1c328"), hex("6101ff"), hex("ff"));
    private static final List<byte[]> TEXT_TOKENS = PayloadMutator.text("1e999", "NaN", "Infinity", "-", "+", ".",
        "9223372036854775808", "18446744073709551616", "9223372036854775807", "-9223372036854775808", "-1", "0x1p3", "1.5f", "e", "70000:1", ":", "=", "\u00e9",
        "99999999999999999999", " ", "\u0000", "9".repeat(300));
    private static final List<byte[]> LINK_TOKENS = PayloadMutator.text("<", ">", ";", ",", "\"", "\\", "=", "</", "</3/0>",
        ";ver=1.1", ";x=\"a,b\"", "\u00e9", " ", "\t", "\u0000");

    private static final TlvCodec TLV = new TlvCodec();
    private static final SenmlJsonCodec SENML_JSON = new SenmlJsonCodec();
    private static final SenmlCborCodec SENML_CBOR = new SenmlCborCodec();

    private record Sample(LwM2mPath path, LwM2mNode node) {
    }

    @Test
    void tlv_decodes_or_refuses_every_mutation() throws Exception {
        fuzz(TLV, encoded(TLV), TLV_TOKENS, 1);
    }

    @Test
    void senml_json_decodes_or_refuses_every_mutation() throws Exception {
        fuzz(SENML_JSON, encoded(SENML_JSON), JSON_TOKENS, 2);
    }

    @Test
    void senml_cbor_decodes_or_refuses_every_mutation() throws Exception {
        fuzz(SENML_CBOR, encoded(SENML_CBOR), CBOR_TOKENS, 3);
    }

    @Test
    void cbor_decodes_or_refuses_every_mutation() throws Exception {
        CborCodec cbor = new CborCodec();
        fuzz(cbor, encoded(cbor), CBOR_TOKENS, 4);
    }

    @Test
    void text_decodes_or_refuses_every_mutation() throws Exception {
        TextCodec text = new TextCodec();
        fuzz(text, encoded(text), TEXT_TOKENS, 5);
    }

    @Test
    void opaque_decodes_or_refuses_every_mutation() throws Exception {
        OpaqueCodec opaque = new OpaqueCodec();
        fuzz(opaque, encoded(opaque), TLV_TOKENS, 6);
    }

    @Test
    void lwm2m_json_decodes_or_refuses_every_mutation() throws Exception {
        List<Map.Entry<LwM2mPath, byte[]>> seeds = new ArrayList<>();
        for (Sample s : samples(7)) {
            seeds.add(Map.entry(s.path, lwm2mJson(s.path, s.node)));
        }
        fuzz(new LwM2mJsonCodec(), bounded(seeds), JSON_TOKENS, 8);
    }

    @Test
    void link_format_decodes_or_refuses_every_mutation() {
        CoreLinkCodec codec = new CoreLinkCodec();
        Random random = new Random(9);
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seeds.add(codec.encode(links(random)));
        }
        PayloadMutator mutator = new PayloadMutator(10, LINK_TOKENS);
        Failures failures = new Failures("LINK");
        for (int n = 0; n < CASES; n++) {
            byte[] payload = mutator.mutate(seeds.get(n % seeds.size()), seeds.get(mutator.random().nextInt(seeds.size())));
            try {
                codec.decode(payload);
            } catch (CodecException e) {
                failures.refused(e, payload);
            } catch (RuntimeException e) {
                failures.escaped(e, payload);
            }
        }
        failures.assertNone();
    }

    private static void fuzz(ContentCodec codec, List<Map.Entry<LwM2mPath, byte[]>> seeds, List<byte[]> tokens, long seed) {
        PayloadMutator mutator = new PayloadMutator(seed, tokens);
        Failures failures = new Failures(codec.format().name());
        for (int n = 0; n < CASES; n++) {
            Map.Entry<LwM2mPath, byte[]> s = seeds.get(n % seeds.size());
            byte[] payload = mutator.mutate(s.getValue(), seeds.get(mutator.random().nextInt(seeds.size())).getValue());
            // now and then another sample's path: the payload then contradicts the request
            LwM2mPath path = mutator.random().nextInt(8) == 0 ? seeds.get(mutator.random().nextInt(seeds.size())).getKey() : s.getKey();
            try {
                if (n % 5 == 4 && codec instanceof SenmlCodec) {
                    codec.decodeObjects(payload, TestModels.MODELS);
                } else {
                    codec.decode(payload, path, TestModels.MODELS);
                }
            } catch (CodecException e) {
                failures.refused(e, payload);
            } catch (RuntimeException e) {
                failures.escaped(e, payload);
            }
        }
        failures.assertNone();
    }

    /** Distinct faults, one example each, so that one run shows all of them. */
    private static final class Failures {
        private final String format;
        private final Map<String, String> found = new LinkedHashMap<>();

        Failures(String format) {
            this.format = format;
        }

        void refused(CodecException e, byte[] payload) {
            if (!e.getMessage().startsWith(format + ": ")) {
                found.putIfAbsent("message " + e.getMessage().replaceAll("[0-9]+", "N"), e.getMessage() + " <- " + HexFormat.of().formatHex(payload));
            }
        }

        void escaped(RuntimeException e, byte[] payload) {
            StackTraceElement top = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            found.putIfAbsent(e.getClass().getName() + " at " + top, e + " <- " + HexFormat.of().formatHex(payload));
        }

        void assertNone() {
            assertTrue(found.isEmpty(), () -> format + ": " + found.size() + " distinct faults:\n" + String.join("\n", found.values()));
        }
    }

    private static List<Sample> samples(long seed) {
        RandomNodes random = new RandomNodes(seed, true, true);
        List<Sample> samples = new ArrayList<>();
        for (int id : List.of(0, 1, 2, 3, 4, 33000)) {
            ObjectModel model = TestModels.MODELS.find(id).orElseThrow();
            for (int n = 0; n < 6; n++) {
                LwM2mObject o = random.object(model);
                samples.add(new Sample(LwM2mPath.of(id), o));
                for (LwM2mObjectInstance i : o.instances().values()) {
                    samples.add(new Sample(LwM2mPath.of(id, i.id()), i));
                    for (LwM2mResource r : i.resources().values()) {
                        LwM2mPath rp = LwM2mPath.of(id, i.id(), r.id());
                        samples.add(new Sample(rp, r));
                        if (r instanceof MultipleResource m) {
                            m.values().forEach((ri, v) -> samples.add(new Sample(rp.append(ri), new ResourceInstance(ri, v))));
                        }
                    }
                }
            }
        }
        return samples;
    }

    private static List<Map.Entry<LwM2mPath, byte[]>> encoded(ContentCodec codec) throws CodecException {
        List<Map.Entry<LwM2mPath, byte[]>> seeds = new ArrayList<>();
        for (Sample s : samples(11)) {
            if (codec.canEncode(s.path, s.node)) {
                seeds.add(Map.entry(s.path, codec.encode(s.path, s.node, TestModels.MODELS)));
            }
        }
        return bounded(seeds);
    }

    // big opaque values only slow the run down: the decoders' hard parts are in the structure
    private static List<Map.Entry<LwM2mPath, byte[]>> bounded(List<Map.Entry<LwM2mPath, byte[]>> seeds) {
        List<Map.Entry<LwM2mPath, byte[]>> small = seeds.stream().filter(e -> e.getValue().length <= MAX_SEED_BYTES).toList();
        assertTrue(small.size() >= 20, "seeds: " + small.size());
        return small;
    }

    /** LwM2M JSON as a 1.0 client writes it; the codec itself cannot encode it. */
    private static byte[] lwm2mJson(LwM2mPath path, LwM2mNode node) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String base = path + "/";
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("bn", base);
            g.writeArrayFieldStart("e");
            for (Leaf leaf : Leaves.of(path, node)) {
                g.writeStartObject();
                String full = leaf.path() + "/";
                g.writeStringField("n", full.substring(Math.min(base.length(), full.length())));
                Value v = leaf.value();
                switch (v.type()) {
                    case INTEGER, TIME -> g.writeNumberField("v", v.asLong());
                    case UNSIGNED_INTEGER -> g.writeNumberField("v", new BigInteger(Long.toUnsignedString(v.asLong())));
                    case FLOAT -> g.writeNumberField("v", v.asDouble());
                    case BOOLEAN -> g.writeBooleanField("bv", v.asBoolean());
                    case OPAQUE -> g.writeStringField("sv", Base64.getEncoder().encodeToString(v.asBytes()));
                    case OBJLNK -> g.writeStringField("ov", v.asObjectLink().toString());
                    default -> g.writeStringField("sv", v.asString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static List<Link> links(Random random) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            List<LinkAttribute> attributes = new ArrayList<>();
            for (int a = random.nextInt(4); a > 0; a--) {
                attributes.add(switch (random.nextInt(3)) {
                    case 0 -> LinkAttribute.token("ssid", Integer.toString(random.nextInt(65535)));
                    case 1 -> LinkAttribute.quoted("uri", "coap://h:" + random.nextInt(65535) + "/a,b;c\"d");
                    default -> LinkAttribute.flag("obs");
                });
            }
            links.add(new Link("/" + random.nextInt(40000) + "/" + random.nextInt(3), attributes));
        }
        return links;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
