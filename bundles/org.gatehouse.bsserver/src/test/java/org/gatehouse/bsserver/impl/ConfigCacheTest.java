package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Optional;

import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.Test;

class ConfigCacheTest {

    private static final String PLANT = """
        {"endpoint": "plant-*", "servers": [{"ssid": 7, "uri": "coap://plant"}]}""";

    private final ConfigCache cache = new ConfigCache(new ConfigParser(CoreModels.all()));

    @Test
    void a_document_is_parsed_once_and_its_plan_encoded_once_per_codec() throws Exception {
        ConfigCache.Parsed first = cache.parse(PLANT);
        assertSame(first, cache.parse(new String(PLANT))); // an equal document read again from the storage
        TlvCodec tlv = new TlvCodec();
        List<Step> plan = first.plan(tlv, CoreModels.all());
        assertSame(plan, first.plan(tlv, CoreModels.all()));
        assertEquals(SessionPlan.of(first.config(), tlv, CoreModels.all()).stream().map(Step::label).toList(),
            plan.stream().map(Step::label).toList());
        assertNotSame(plan, first.plan(new SenmlCborCodec(), CoreModels.all()));
    }

    @Test
    void a_changed_document_is_parsed_anew() throws Exception {
        ConfigCache.Parsed before = cache.parse(PLANT);
        ConfigCache.Parsed after = cache.parse(PLANT.replace("{\"endpoint\"", "{\"deleteFirst\": true, \"endpoint\""));
        assertNotSame(before, after);
        assertEquals(List.of(), before.config().deletes());
        assertEquals(List.of("/"), after.config().deletes().stream().map(Object::toString).toList());
    }

    @Test
    void at_most_max_documents_are_kept_the_least_recently_used_dropped_first() throws Exception {
        ConfigCache.Parsed kept = cache.parse(PLANT);
        for (int i = 0; i < ConfigCache.MAX + 10; i++) {
            cache.parse(PLANT.replace("coap://plant", "coap://plant-" + i));
            cache.parse(PLANT); // used again: stays
        }
        assertEquals(ConfigCache.MAX, cache.size());
        assertSame(kept, cache.parse(PLANT));
    }

    @Test
    void a_configuration_changed_in_the_storage_is_served_changed_at_the_next_request() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));
        Admission admission = new Admission(configs, storage, new ConfigParser(CoreModels.all()));
        configs.put(PLANT);
        assertEquals(List.of(), deletes(admission));
        storage.putConfig("plant-*", PLANT.replace("{\"endpoint\"", "{\"deleteFirst\": true, \"endpoint\"")); // as another node would
        assertEquals(List.of("/"), deletes(admission));
        storage.removeConfig("plant-*");
        assertFalse(admission.decide(Optional.of("plant-1"), new PeerIdentity.None()).admitted());
    }

    private static List<String> deletes(Admission admission) {
        return admission.decide(Optional.of("plant-1"), new PeerIdentity.None()).config().deletes().stream().map(Object::toString).toList();
    }
}
