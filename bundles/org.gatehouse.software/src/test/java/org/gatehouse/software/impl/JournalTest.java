package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps each instance's progress across a restart, an install under way included. */
class JournalTest {

    @TempDir
    Path dir;

    @Test
    void progress_survives_a_restart_as_written() {
        Journal journal = new Journal(dir.resolve("software/progress.properties"));
        Map<Integer, Progress> all = new TreeMap<>();
        all.put(0, Progress.installed().downloadStarted().downloaded().downloadFailed(Codes.INTEGRITY_FAILURE, "SHA-256 mismatch: a=b"));
        all.put(7, Progress.initial().downloadStarted().downloaded().delivered("org.example.hello", "1.1.0").installStarted());
        journal.save(all);
        assertEquals(all, new Journal(dir.resolve("software/progress.properties")).load());
        assertTrue(Files.notExists(dir.resolve("software/progress.properties.tmp")), "written through a temporary file moved in place");
    }

    @Test
    void no_journal_means_no_progress() {
        assertTrue(new Journal(dir.resolve("none.properties")).load().isEmpty());
    }

    @Test
    void an_install_under_way_at_a_crash_is_reported_failed_after_the_restart() {
        Journal journal = new Journal(dir.resolve("progress.properties"));
        journal.save(Map.of(3, Progress.installed().downloadStarted().downloaded().delivered("org.example.hello", "2.0.0").installStarted()));
        // the process dies here; the next start reads the journal
        Progress found = new Journal(dir.resolve("progress.properties")).load().get(3);
        assertTrue(found.installing());
        Progress reported = found.interrupted(false);
        assertEquals(Codes.INSTALL_FAILURE, reported.result());
        assertEquals(Codes.INSTALLED, reported.state());
    }
}
