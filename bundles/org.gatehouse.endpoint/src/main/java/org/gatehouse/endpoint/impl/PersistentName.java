package org.gatehouse.endpoint.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** A generated "urn:uuid:..." name, created once and kept in a file so that it survives restarts. */
final class PersistentName {
    private PersistentName() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        }
        String name = "urn:uuid:" + UUID.randomUUID();
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, name + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return name;
    }
}
