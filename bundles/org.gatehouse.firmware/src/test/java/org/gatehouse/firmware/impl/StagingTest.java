package org.gatehouse.firmware.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StagingTest {

    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @Test
    void the_sha256_comes_from_the_fragment_or_the_query() {
        assertEquals(Optional.of(SHA.toLowerCase()), Staging.expectedSha256(URI.create("http://h/g.zip#sha256=" + SHA)));
        assertEquals(Optional.of(SHA.toLowerCase()), Staging.expectedSha256(URI.create("http://h/g.zip?a=1&sha256=" + SHA)));
        assertEquals(Optional.empty(), Staging.expectedSha256(URI.create("http://h/g.zip?xsha256=" + SHA)));
        assertEquals(Optional.empty(), Staging.expectedSha256(URI.create("http://h/g.zip")));
    }
}
