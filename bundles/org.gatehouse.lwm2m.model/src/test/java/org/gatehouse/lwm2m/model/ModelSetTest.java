package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelSetTest {

    @Test
    void versions_compare_part_by_part_as_numbers() {
        List<String> ordered = List.of("0.9", "1.0", "1.0.1", "1.1", "1.2", "1.10", "2.0", "10.0");
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(ModelSet.compareVersions(ordered.get(i), ordered.get(j))),
                    ordered.get(i) + " against " + ordered.get(j));
            }
        }
        assertEquals(0, ModelSet.compareVersions("1.0", "1.00"), "the same numbers are the same version");
        assertEquals(0, ModelSet.compareVersions("1.x", "1.0"), "a part that is not a number counts 0");
    }

    @Test
    void the_advertised_model_is_the_newest_for_the_enabler_version_the_client_speaks() {
        ModelSet models = CoreModels.all();
        for (int id : models.objectIds()) {
            ObjectModel advertised = models.advertised(id).orElseThrow();
            assertEquals(models.newestFor(id, ModelLookup.ENABLER_VERSION).orElseThrow(), advertised, "object " + id);
        }
        // Server has 1.0, 1.1 and 1.2 (of LwM2M 1.0, 1.1 and 1.2): a 1.1 client advertises 1.1, not the newest
        assertEquals("1.1", models.advertised(ObjectIds.SERVER).orElseThrow().objectVersion());
        assertEquals("1.2", models.find(ObjectIds.SERVER).orElseThrow().objectVersion());
        assertTrue(models.advertised(65_000).isEmpty(), "no model, nothing advertised");
    }
}
