package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gatehouse.coap.Method;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

class SessionPlanTest {

    private final ConfigParser parser = new ConfigParser(CoreModels.all());

    @Test
    void discover_read_delete_writes_in_the_configured_order_then_finish() throws Exception {
        EndpointConfig c = parser.parse(ConfigParserTest.example());
        List<Step> steps = SessionPlan.of(c, new TlvCodec(), CoreModels.all());
        assertEquals(List.of("DISCOVER /", "READ /1", "DELETE /", "WRITE /1/0", "WRITE /1/1", "WRITE /0/0", "WRITE /0/1", "WRITE /0/2",
            "WRITE /2/0", "WRITE /4/0", "FINISH"), steps.stream().map(Step::label).toList());
        assertEquals(ContentFormat.LINK.code(), steps.get(0).request().accept());
        assertFalse(steps.get(0).required());
        assertEquals(ContentFormat.TLV.code(), steps.get(1).request().accept());
        assertEquals(Method.DELETE, steps.get(2).request().method());
        assertTrue(steps.get(3).required());
        assertEquals(Method.POST, steps.get(10).request().method());
        assertEquals(List.of("bs"), steps.get(10).request().path());
    }

    @Test
    void every_write_carries_its_instance_in_the_chosen_format() throws Exception {
        EndpointConfig c = parser.parse(ConfigParserTest.example());
        TlvCodec tlv = new TlvCodec();
        SenmlCborCodec cbor = new SenmlCborCodec();
        for (var codec : List.of(tlv, cbor)) {
            List<Step> writes = SessionPlan.of(c, codec, CoreModels.all()).stream().filter(s -> s.kind() == Step.Kind.WRITE).toList();
            for (Step s : writes) {
                LwM2mPath path = LwM2mPath.parse(s.request().pathString());
                EndpointConfig.Write expected = c.writes().stream().filter(w -> w.path().equals(path)).findFirst().orElseThrow();
                assertEquals(Method.PUT, s.request().method());
                assertEquals(codec.format().code(), s.request().contentFormat());
                assertEquals(expected.instance(), codec.decode(s.request().payload(), path, CoreModels.all()), s.label());
            }
        }
    }

    @Test
    void without_options_a_session_is_writes_by_path_and_finish() throws Exception {
        EndpointConfig c = parser.parse("""
            {"endpoint": "e", "servers": [{"ssid": 2, "uri": "coap://b"}, {"ssid": 1, "uri": "coap://a"}]}
            """);
        assertEquals(List.of("WRITE /0/1", "WRITE /0/2", "WRITE /1/0", "WRITE /1/1", "FINISH"),
            SessionPlan.of(c, new TlvCodec(), CoreModels.all()).stream().map(Step::label).toList());
    }

    @Test
    void listed_deletes_come_before_the_writes() throws Exception {
        EndpointConfig c = parser.parse("""
            {"endpoint": "e", "deleteFirst": ["/1", "/0/1"], "servers": [{"ssid": 1, "uri": "coap://a"}]}
            """);
        assertEquals(List.of("DELETE /1", "DELETE /0/1", "WRITE /0/1", "WRITE /1/0", "FINISH"),
            SessionPlan.of(c, new TlvCodec(), CoreModels.all()).stream().map(Step::label).toList());
    }
}
