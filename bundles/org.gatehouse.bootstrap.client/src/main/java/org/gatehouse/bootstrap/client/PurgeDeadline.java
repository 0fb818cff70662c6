package org.gatehouse.bootstrap.client;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;

/**
 * When the bootstrap-server account is to be removed, and which account exactly: its instance id,
 * URI and a digest of the instance, so that a later bootstrap's account is never removed in its place.
 * Kept in a small file outside the object store, so that a restart does not forget it.
 */
record PurgeDeadline(int instanceId, String uri, String digest, long atEpochMillis) {

    static PurgeDeadline of(LwM2mObjectInstance account, String uri, long atEpochMillis) {
        return new PurgeDeadline(account.id(), uri, digest(account), atEpochMillis);
    }

    /** True when {@code current} is still the account this deadline was set for. */
    boolean matches(LwM2mObjectInstance current) {
        return current != null && current.id() == instanceId && digest(current).equals(digest);
    }

    static String digest(LwM2mObjectInstance instance) {
        try {
            // toString is canonical: resources and resource instances in id order, every value typed
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(instance.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("instance", Integer.toString(instanceId));
        p.setProperty("uri", uri);
        p.setProperty("digest", digest);
        p.setProperty("at", Long.toString(atEpochMillis));
        StringBuilder text = new StringBuilder("# bootstrap-server account purge (/0/x/12), written by the client-initiated bootstrap mode\n");
        p.forEach((k, v) -> text.append(k).append('=').append(v.toString().replace("\\", "\\\\")).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The saved deadline; empty when there is none or the file is unreadable (then it is ignored and said so by the caller). */
    static Optional<PurgeDeadline> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        try {
            return Optional.of(new PurgeDeadline(Integer.parseInt(p.getProperty("instance")), p.getProperty("uri", ""),
                p.getProperty("digest", ""), Long.parseLong(p.getProperty("at"))));
        } catch (NumberFormatException e) {
            throw new IOException(file + " is not a purge deadline: " + e.getMessage(), e);
        }
    }
}
