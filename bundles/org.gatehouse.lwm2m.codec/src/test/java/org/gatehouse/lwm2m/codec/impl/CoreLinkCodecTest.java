package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.link.Link;
import org.junit.jupiter.api.Test;

class CoreLinkCodecTest {

    private final CoreLinkCodec codec = new CoreLinkCodec();

    @Test
    void tv5_bootstrap_discover_round_trips() throws Exception {
        String tv5 = "</>;lwm2m=1.0,</0/0>;uri=\"coap://HOST:PORT\",</0/1>;ssid=2222;uri=\"coap://HOST:PORT\",</1/0>;ssid=2222,</2>,</3442/0>,</3/0>";
        List<Link> links = codec.decode(tv5.getBytes(StandardCharsets.UTF_8));
        assertEquals(7, links.size());
        assertEquals("2222", links.get(2).attribute("ssid").orElseThrow());
        assertEquals("coap://HOST:PORT", links.get(2).attribute("uri").orElseThrow());
        assertEquals(tv5, new String(codec.encode(links), StandardCharsets.UTF_8));
    }

    @Test
    void quoted_values_may_hold_separators_and_flags_have_no_value() throws Exception {
        List<Link> links = codec.decode("</3/0>;title=\"a,b;c \\\"q\\\"\";obs, </4>".getBytes(StandardCharsets.UTF_8));
        assertEquals("a,b;c \"q\"", links.get(0).attribute("title").orElseThrow());
        assertTrue(links.get(0).attribute("obs").isEmpty());
        assertEquals("/4", links.get(1).target());
    }

    @Test
    void syntax_errors_name_the_offset() {
        CodecException e = assertThrows(CodecException.class, () -> codec.decode("</1>;uri=\"open".getBytes()));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        e = assertThrows(CodecException.class, () -> codec.decode("</1>x".getBytes()));
        assertTrue(e.getMessage().contains("at character 4"), e.getMessage());
    }

    @Test
    void invalid_utf8_names_its_byte_offset() {
        byte[] payload = {'<', '/', '1', '>', ';', 't', '=', (byte) 0xC3, 0x28};
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(payload));
        assertEquals("LINK: invalid UTF-8 at byte 7 of the text", e.getMessage());
    }
}
