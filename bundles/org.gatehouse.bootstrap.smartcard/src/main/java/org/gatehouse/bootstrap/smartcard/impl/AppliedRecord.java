package org.gatehouse.bootstrap.smartcard.impl;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the card configuration in place came from, kept in the mode's data area (the store does not
 * say who wrote what): the card data's digest, the reader, the instances the card wrote, the Short
 * Server IDs of its servers, and the instances its objects displaced (OMA TLV per object, restored when
 * the card goes). Holds secrets (displaced Security instances): owner-only permissions, written through
 * a temporary file and an atomic rename.
 */
record AppliedRecord(String digest, String reader, List<String> instances, List<Integer> ssids, boolean bootstrapServer,
        Map<Integer, byte[]> displaced) {

    /** Whether the card provisioned this server, or the bootstrap server all others come from. */
    boolean provisioned(int ssid) {
        return bootstrapServer || ssids.contains(ssid);
    }

    AppliedRecord {
        instances = List.copyOf(instances);
        ssids = List.copyOf(ssids);
        displaced = Map.copyOf(displaced);
    }

    static Optional<AppliedRecord> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        Map<Integer, byte[]> displaced = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("displaced.")) {
                displaced.put(Integer.parseInt(key.substring("displaced.".length())), Der.HEX.parseHex(p.getProperty(key)));
            }
        }
        return Optional.of(new AppliedRecord(p.getProperty("digest", ""), p.getProperty("reader", ""), list(p.getProperty("instances", "")),
            list(p.getProperty("ssids", "")).stream().map(Integer::valueOf).toList(), Boolean.parseBoolean(p.getProperty("bootstrap.server")),
            displaced));
    }

    private static List<String> list(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.split(","));
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("digest", digest);
        p.setProperty("reader", reader);
        p.setProperty("instances", String.join(",", instances));
        p.setProperty("ssids", String.join(",", ssids.stream().map(String::valueOf).toList()));
        p.setProperty("bootstrap.server", String.valueOf(bootstrapServer));
        displaced.forEach((id, tlv) -> p.setProperty("displaced." + id, Der.HEX.formatHex(tlv)));
        StringWriter text = new StringWriter();
        p.store(text, "card configuration applied by the smartcard bootstrap mode");
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
