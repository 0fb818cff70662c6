package org.gatehouse.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResponseCodeTest {

    @Test
    void a_code_reads_as_the_spec_writes_it_with_its_name() {
        assertEquals("2.04 CHANGED", ResponseCode.CHANGED.toString());
        assertEquals("2.31 CONTINUE", ResponseCode.CONTINUE.toString());
        assertEquals("4.00 BAD_REQUEST", ResponseCode.BAD_REQUEST.toString());
        assertEquals("4.15 UNSUPPORTED_CONTENT_FORMAT", ResponseCode.UNSUPPORTED_CONTENT_FORMAT.toString());
        for (ResponseCode c : ResponseCode.values()) {
            assertEquals(c.codeClass() * 100 + c.detail(), Integer.parseInt(c.toString().replace(".", "").substring(0, 3)), c.name());
            assertEquals(" " + c.name(), c.toString().substring(4), "the name after the code");
            assertEquals(c, ResponseCode.of(c.codeClass(), c.detail()));
        }
    }
}
