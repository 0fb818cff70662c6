package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable storage of the tree in two slot files written in turn. A commit overwrites, in place, the
 * slot that does not hold the committed state and syncs its data: one sync, no rename and no folder
 * sync, a third of the time of a new file renamed over the old one. Each slot is a whole store image
 * with its revision, length and checksum, so after a crash at any moment the other slot still holds
 * the last acknowledged commit: loading takes the readable slot of the highest revision, and a slot
 * cut short fails its length or checksum and is passed over. The files hold keys: owner-only.
 */
final class StoreFile {

    static final List<String> SLOTS = List.of("objects-a.bin", "objects-b.bin");
    /** The one file of the builds before the slots: read while no slot is, removed by the first commit. */
    static final String LEGACY = "objects.bin";
    static final String LEGACY_TEMP = "objects.bin.tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final Path directory;
    private final boolean[] exists = new boolean[SLOTS.size()];
    private int current = -1; // the slot of the committed state; -1 while it is empty or in the legacy file
    private boolean legacy;

    StoreFile(Path directory) throws IOException {
        this.directory = directory;
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    Path slot(int slot) {
        return directory.resolve(SLOTS.get(slot));
    }

    /** The file that holds the committed state, or the folder while nothing was committed. */
    Path path() {
        return current >= 0 ? slot(current) : legacy ? directory.resolve(LEGACY) : directory;
    }

    /** The last committed state, or the empty one when nothing was ever committed. */
    StoreState load() throws IOException {
        Files.deleteIfExists(directory.resolve(LEGACY_TEMP)); // a legacy commit cut before its rename: never committed
        StoreState best = null;
        IOException unreadable = null;
        for (int slot = 0; slot < SLOTS.size(); slot++) {
            exists[slot] = Files.exists(slot(slot));
            if (exists[slot]) {
                try {
                    StoreState state = TreeCodec.read(Files.readAllBytes(slot(slot)));
                    if (best == null || state.revision() > best.revision()) {
                        best = state;
                        current = slot;
                    }
                } catch (IOException e) {
                    unreadable = new IOException(slot(slot) + ": " + e.getMessage(), e);
                }
            }
        }
        legacy = Files.exists(directory.resolve(LEGACY));
        if (best == null && legacy) {
            return TreeCodec.read(Files.readAllBytes(directory.resolve(LEGACY)));
        }
        if (unreadable != null && best == null) {
            throw unreadable;
        }
        if (unreadable != null) {
            LOG.warn("Object store: {}; revision {} of {} loaded instead (a commit cut short by a crash or power loss leaves this)",
                unreadable.getMessage(), best.revision(), slot(current).getFileName());
        }
        return best == null ? StoreState.EMPTY : best;
    }

    /** Makes {@code state} the committed one; on failure the slot of the previous state is untouched. */
    void save(StoreState state) throws IOException {
        int next = current == 0 ? 1 : 0;
        byte[] bytes = TreeCodec.write(state);
        boolean created = !exists[next];
        try (FileChannel ch = created ? FileChannel.open(slot(next), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly())
                : FileChannel.open(slot(next), StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf, buf.position());
            }
            if (ch.size() > bytes.length) {
                ch.truncate(bytes.length); // exact length: a reader checks it, and an earlier build can read a slot
            }
            ch.force(created); // data only (fdatasync), which includes the size; a new file's inode too
        }
        if (created) {
            syncDirectory();
            exists[next] = true;
        }
        current = next;
        if (legacy) {
            Files.deleteIfExists(directory.resolve(LEGACY)); // stale now; should the delete be lost, the slot's revision wins
            legacy = false;
        }
    }

    private void syncDirectory() throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    }
}
