package org.gatehouse.shell.ssh.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of an OpenSSH authorized_keys file, read again when the file changes, so that a key
 * added or removed applies at the next login without a restart. Key options ({@code from=}, {@code command=})
 * are not honoured: an entry is a key allowed to log in as the configured user.
 */
final class AuthorizedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeys.class);

    private final Path file;
    private FileTime loadedAt;
    private List<PublicKey> keys = List.of();

    AuthorizedKeys(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** True if {@code key} is one of the file's keys. */
    synchronized boolean contains(PublicKey key) {
        reloadIfChanged();
        return keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }

    /** The number of keys now in the file (for the start-up log line). */
    synchronized int size() {
        reloadIfChanged();
        return keys.size();
    }

    private void reloadIfChanged() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            keys = List.of();
            loadedAt = null;
            return;
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; no key login until it is readable", file, e.toString());
            keys = List.of();
            return;
        }
        if (Objects.equals(modified, loadedAt)) {
            return;
        }
        List<PublicKey> read = new ArrayList<>();
        try {
            for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                try {
                    PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    if (key == null) {
                        LOG.warn("{}: key type {} not supported here, entry skipped", file, entry.getKeyType());
                    } else {
                        read.add(key);
                    }
                } catch (IOException | GeneralSecurityException e) {
                    LOG.warn("{}: entry '{}' skipped: {}", file, entry.getComment(), e.toString());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read {}: {}; no key login until it is fixed", file, e.toString());
        }
        keys = List.copyOf(read);
        loadedAt = modified;
    }
}
