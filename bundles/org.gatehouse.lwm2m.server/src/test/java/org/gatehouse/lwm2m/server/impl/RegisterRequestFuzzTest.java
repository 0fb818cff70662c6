package org.gatehouse.lwm2m.server.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.Method;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, on what a device sends in a Register or an Update: the query parameters and the
 * object list (CoRE link format). Parsed or refused with IllegalArgumentException (the parser's refusal,
 * answered 4.00 Bad Request by RdHandler); anything else is a finding, as is a hang. The input is the query
 * (parameters separated by '&amp;'), a zero byte, then the payload. Fuzzes for maxDuration in the build
 * (JAZZER_MAX_DURATION overrides it, see scripts/fuzz.sh); seeds in RegisterRequestFuzzTestInputs.
 */
class RegisterRequestFuzzTest {

    private static final RequestParser PARSER = new RequestParser(new CoreLinkCodec());

    @Timeout(value = 5, unit = TimeUnit.SECONDS) // Jazzer's per-input limit, with room for a busy machine; @FuzzTest must come last
    @FuzzTest(maxDuration = "5s")
    void register_request_is_parsed_or_refused(byte[] input) {
        int zero = 0;
        while (zero < input.length && input[zero] != 0) {
            zero++;
        }
        String query = new String(input, 0, zero, StandardCharsets.UTF_8);
        byte[] payload = zero < input.length ? Arrays.copyOfRange(input, zero + 1, input.length) : new byte[0];
        List<String> params = query.isEmpty() ? List.of() : List.of(query.split("&", -1));
        CoapRequest request = new CoapRequest(Method.POST, List.of("rd"), params, 40, CoapRequest.NONE, payload);
        try {
            PARSER.parse(request);
        } catch (IllegalArgumentException refused) {
            // the expected answer to a bad request
        }
    }
}
