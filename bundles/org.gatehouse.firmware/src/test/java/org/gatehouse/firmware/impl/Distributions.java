package org.gatehouse.firmware.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small distribution zips for tests: VERSION, features/core.json, one jar under system/, under a top folder. */
final class Distributions {

    private Distributions() {
    }

    static byte[] zip(String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "gatehouse/VERSION", version + "\n");
            put(zip, "gatehouse/features/core.json", "{}");
            put(zip, "gatehouse/system/org/example/a/1.0/a-1.0.jar", "jar");
            put(zip, "gatehouse/lib/launcher.jar", "ignored");
            put(zip, "gatehouse/etc/config.properties", "ignored");
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
