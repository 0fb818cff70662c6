package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.gatehouse.lwm2m.model.ddf.DdfParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every embedded core model against the official DDF file of the same object version. */
class CoreModelsRegistryTest {

    static Path registry() {
        return Path.of(System.getProperty("lwm2m.registry", "../../../shared/lwm2m-registry"));
    }

    static Stream<String> officialFiles() {
        return Stream.of("version_history/0-1_0.xml", "version_history/0-1_1.xml", "0.xml",
            "version_history/1-1_0.xml", "version_history/1-1_1.xml", "1.xml",
            "version_history/2-1_0.xml", "2.xml",
            "version_history/3-1_0.xml", "version_history/3-1_1.xml", "3.xml",
            "version_history/4-1_0.xml", "version_history/4-1_1.xml", "version_history/4-1_2.xml", "4.xml",
            "version_history/5-1_0.xml", "version_history/5-1_1.xml", "5.xml", "9.xml");
    }

    // Known defects of the registry files themselves, where the embedded model follows the later,
    // corrected definition: Server 1.1 leaves the operations of 13..20 blank (fixed in 1.2).
    private static final Set<String> REGISTRY_ERRATA = Set.of("1:1.1:13:ops", "1:1.1:14:ops", "1:1.1:15:ops",
        "1:1.1:16:ops", "1:1.1:17:ops", "1:1.1:18:ops", "1:1.1:19:ops", "1:1.1:20:ops");

    @ParameterizedTest
    @MethodSource("officialFiles")
    void embedded_model_matches_the_official_definition(String file) throws Exception {
        ObjectModel official;
        try (InputStream in = Files.newInputStream(registry().resolve(file))) {
            official = DdfParser.parse(in, file).get(0);
        }
        ObjectModel ours = CoreModels.all().find(official.id(), official.objectVersion()).orElseThrow();
        List<String> diffs = new ArrayList<>();
        check(diffs, "name", official.name(), ours.name());
        check(diffs, "multiple", official.multiple(), ours.multiple());
        check(diffs, "mandatory", official.mandatory(), ours.mandatory());
        check(diffs, "lwm2mVersion", official.lwm2mVersion(), ours.lwm2mVersion());
        check(diffs, "resource ids", official.resources().keySet(), ours.resources().keySet());
        for (ResourceModel o : official.resources().values()) {
            ResourceModel m = ours.resource(o.id());
            if (m == null) {
                continue;
            }
            String key = official.id() + ":" + official.objectVersion() + ":" + o.id();
            check(diffs, key + " name", o.name(), m.name());
            check(diffs, key + " type", o.type(), m.type());
            check(diffs, key + " multiple", o.multiple(), m.multiple());
            check(diffs, key + " mandatory", o.mandatory(), m.mandatory());
            if (!REGISTRY_ERRATA.contains(key + ":ops")) {
                check(diffs, key + " operations", o.operations(), m.operations());
            }
        }
        assertTrue(diffs.isEmpty(), file + " differs:\n" + String.join("\n", diffs));
    }

    private static void check(List<String> diffs, String what, Object official, Object ours) {
        if (!official.equals(ours)) {
            diffs.add(what + ": official=" + official + " embedded=" + ours);
        }
    }

    @ParameterizedTest
    @MethodSource("officialFiles")
    void newest_version_is_the_default_lookup(String file) {
        int id = Integer.parseInt(Path.of(file).getFileName().toString().split("[-.]")[0]);
        List<ObjectModel> versions = CoreModels.all().all().stream().filter(m -> m.id() == id).toList();
        assertEquals(versions.get(versions.size() - 1), CoreModels.all().find(id).orElseThrow());
    }
}
