package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.junit.jupiter.api.Test;

class PackTest {

    @Test
    void a_pack_decodes_into_every_configured_object_in_both_senml_formats() throws Exception {
        EndpointConfig c = new ConfigParser(CoreModels.all()).parse(ConfigParserTest.example());
        Map<Integer, LwM2mObject> expected = new TreeMap<>();
        for (EndpointConfig.Write w : c.writes()) {
            LwM2mObject o = expected.getOrDefault(w.path().objectId(), LwM2mObject.of(w.path().objectId(), List.<LwM2mObjectInstance>of()));
            expected.put(o.id(), o.with(w.instance()));
        }
        for (ContentCodec codec : List.of(new SenmlCborCodec(), new SenmlJsonCodec())) {
            List<LwM2mObject> decoded = codec.decodeObjects(Pack.of(c, codec, CoreModels.all()), CoreModels.all());
            assertEquals(List.copyOf(expected.values()), decoded, codec.format().toString());
        }
    }

    @Test
    void tlv_cannot_carry_a_pack() throws Exception {
        EndpointConfig c = new ConfigParser(CoreModels.all()).parse(ConfigParserTest.example());
        assertThrows(CodecException.class, () -> Pack.of(c, new TlvCodec(), CoreModels.all()));
    }
}
