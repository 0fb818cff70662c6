package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * sync, a quarter of the time of a new file renamed over the old one. Each slot is a whole store image
 * with its revision, length and checksum, so a crash in the middle of a write leaves the other slot
 * with the last acknowledged commit: loading takes the readable image of the highest revision, and a
 * slot cut short fails its length or checksum and is passed over. A slot is created only through a
 * temporary file renamed into place, so a slot that exists was once whole. The files hold keys: owner-only.
 */
final class StoreFile {

    static final List<String> SLOTS = List.of("objects-a.bin", "objects-b.bin");
    /** The one file of the builds before the slots (and of a gateway taken back to one): read, and removed by a commit. */
    static final String LEGACY = "objects.bin";
    static final String TEMP = ".tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final Path directory;
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

    /** The file that holds the committed state: a slot, the legacy file, or the folder while nothing was committed. */
    Path path() {
        return current >= 0 ? slot(current) : legacy ? directory.resolve(LEGACY) : directory;
    }

    /** The last committed state, or the empty one when nothing was ever committed. */
    StoreState load() throws IOException {
        for (String name : List.of(LEGACY, SLOTS.get(0), SLOTS.get(1))) {
            Files.deleteIfExists(directory.resolve(name + TEMP)); // a file cut before its rename: never committed
        }
        StoreState best = null;
        IOException unreadable = null;
        for (int n = -1; n < SLOTS.size(); n++) {
            Path file = n < 0 ? directory.resolve(LEGACY) : slot(n);
            if (!Files.exists(file)) {
                continue;
            }
            legacy |= n < 0;
            try {
                StoreState state = read(file);
                if (best == null || state.revision() > best.revision()) {
                    best = state;
                    current = n;
                }
            } catch (IOException e) {
                if (unreadable != null) {
                    e.addSuppressed(unreadable);
                }
                unreadable = e;
            }
        }
        if (unreadable != null && best == null) {
            throw unreadable;
        }
        if (unreadable != null) {
            LOG.warn("Object store: {}; revision {} of {} loaded instead (a commit cut short by a crash or power loss leaves this)",
                unreadable.getMessage(), best.revision(), path().getFileName());
        }
        syncDirectory(); // a slot created by a run that crashed before its folder's sync: its name is durable from here
        return best == null ? StoreState.EMPTY : best;
    }

    private static StoreState read(Path file) throws IOException {
        try {
            return TreeCodec.read(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code state} the committed one. On failure the slot of the previous state is untouched and
     * the slot written is left unreadable, so a failed commit never comes back after a restart.
     */
    void save(StoreState state) throws IOException {
        int next = current == 0 ? 1 : 0;
        byte[] bytes = TreeCodec.write(state);
        if (Files.exists(slot(next))) {
            overwrite(slot(next), bytes);
        } else {
            create(slot(next), bytes);
        }
        current = next;
        if (legacy) {
            try {
                Files.deleteIfExists(directory.resolve(LEGACY)); // older than the slot now: loading would pass it over
                legacy = false;
            } catch (IOException e) {
                LOG.warn("Object store: {} not removed ({}); tried again at the next commit", LEGACY, e.toString());
            }
        }
    }

    private static void overwrite(Path slot, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(slot, StandardOpenOption.WRITE)) {
            try {
                write(ch, bytes);
                ch.force(false); // data only (fdatasync), which includes the length
            } catch (IOException | RuntimeException e) {
                try {
                    ch.truncate(0);
                    ch.force(false);
                } catch (IOException | RuntimeException second) {
                    e.addSuppressed(second);
                }
                throw e;
            }
        }
    }

    private void create(Path slot, byte[] bytes) throws IOException {
        Path temp = slot.resolveSibling(slot.getFileName() + TEMP);
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE), ownerOnly())) {
                write(ch, bytes);
                ch.force(true);
            }
            Files.move(temp, slot, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf, buf.position());
        }
        if (ch.size() > bytes.length) {
            ch.truncate(bytes.length); // exact length: a reader checks it, and an earlier build can read a slot
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
