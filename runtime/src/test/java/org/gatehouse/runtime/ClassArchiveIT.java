package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/gatehouse's class-data sharing archive (data/cds): written when a start ends normally, mapped by
 * the next start, and never adopted when cut short (a JVM mapping a truncated archive would crash).
 */
class ClassArchiveIT {

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_normal_exit_leaves_an_archive_the_next_start_maps_and_a_truncated_one_is_never_used() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        Path cds = home.resolve("data/cds");
        runOnce(home, Map.of());
        Path dumped = single(cds);
        assertTrue(dumped.getFileName().toString().endsWith(".jsa.new"), "dumped at exit, not yet checked: " + dumped);

        Path classes = dir.resolve("classes.log");
        runOnce(home, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes));
        Path adopted = single(cds);
        assertEquals(dumped.getFileName().toString().replace(".jsa.new", ".jsa"), adopted.getFileName().toString());
        try (Stream<String> lines = Files.lines(classes)) { // the launcher's own class came from the archive
            assertTrue(lines.anyMatch(l -> l.contains("org.gatehouse.launcher.Main source: shared objects file (top)")));
        }

        // a dump cut short: the archive's first 300 KB as a fresh dump
        byte[] whole = Files.readAllBytes(adopted);
        Files.delete(adopted);
        Files.write(dumped, java.util.Arrays.copyOf(whole, 300_000));
        runOnce(home, Map.of());
        Path again = single(cds);
        assertTrue(again.getFileName().toString().endsWith(".jsa.new") && Files.size(again) > 300_000,
            "the truncated archive was dropped and a whole one dumped: " + again + " " + Files.size(again));

        runOnce(home, Map.of("GATEHOUSE_CDS", "off"));
        assertEquals(again, single(cds), "GATEHOUSE_CDS=off leaves the archive alone");
    }

    private static void runOnce(Path home, Map<String, String> env) throws Exception {
        try (Gateway gw = Gateway.start(home, env)) {
            gw.await("Gatehouse started in", 0, T);
            assertEquals(0, gw.stop());
            assertFalse(gw.hasUnexpectedException(), gw.output());
        }
    }

    private static Path single(Path cds) throws java.io.IOException {
        try (Stream<Path> files = Files.list(cds)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
