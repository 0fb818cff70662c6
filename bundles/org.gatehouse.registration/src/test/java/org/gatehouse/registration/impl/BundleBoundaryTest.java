package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * Registration talks to bootstrap only through the neutral client API, so that an update of the
 * bootstrap bundle never refreshes registration (and the other way round). Checked on the manifest
 * bnd generated for this build.
 */
class BundleBoundaryTest {

    @Test
    void registrationImportsTheNeutralApiAndNotTheBootstrapBundle() throws IOException {
        List<String> imports = imports();
        assertTrue(imports.contains("org.gatehouse.lwm2m.client"), "imports: " + imports);
        assertFalse(imports.stream().anyMatch(p -> p.startsWith("org.gatehouse.bootstrap")), "imports: " + imports);
    }

    private static List<String> imports() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            String header = new Manifest(in).getMainAttributes().getValue("Import-Package");
            // split on commas outside quoted version ranges
            return Arrays.stream(header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).map(p -> p.split(";")[0].trim()).toList();
        }
    }
}
