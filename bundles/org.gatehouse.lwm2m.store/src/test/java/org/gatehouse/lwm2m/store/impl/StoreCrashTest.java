package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM with SIGKILL at random moments while it commits, many times over, and checks after
 * every kill that the store holds exactly a committed state: at least the last revision the writer
 * reported (it was durable before being reported), at most one more, and never a torn commit; the
 * writers recorded per instance are part of the same atomic commit.
 */
class StoreCrashTest {

    private static final int KILLS = 60;

    @TempDir
    Path dir;

    @Test
    void every_restart_after_kill_9_sees_the_last_committed_state() throws Exception {
        Random random = new Random(2026);
        long previous = 0;
        for (int round = 0; round < KILLS; round++) {
            // Reports go to a file, not a pipe: what write(2) accepted before the kill is all there.
            Path reports = Files.createTempFile(dir.getParent(), "reports", ".txt");
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(reports.toFile()).start();
            // Kill after a random number of commits: the kill lands wherever the writer happens to be then,
            // in a commit, between commits or while it reports.
            long target = previous + 1 + random.nextInt(20);
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(1))
                    .until(() -> lastReported(reports) >= target);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // asserted below: the writer must have made progress
            }
            writer.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hooks, no flushing
            AtomicLong lastReported = new AtomicLong(lastReported(reports));
            assertTrue(lastReported.get() > previous, "writer made no progress in round " + round);

            FileObjectStore store = new FileObjectStore(dir);
            ObjectTree tree = store.snapshot();
            long reported = lastReported.get();
            assertTrue(tree.revision() == reported || tree.revision() == reported + 1,
                "round " + round + ": store at revision " + tree.revision() + ", writer reported " + reported);
            LwM2mObject o = tree.objects().get(33000);
            for (int i = 0; i < 10; i++) {
                assertEquals(((SingleResource) o.instance(0).resource(0)).value(), ((SingleResource) o.instance(i).resource(0)).value(),
                    "torn commit in round " + round);
            }
            assertEquals(java.util.Optional.of(CrashWriter.WRITER), store.writerOf(org.gatehouse.lwm2m.model.LwM2mPath.of(33000, 9)),
                "round " + round + ": the writers are part of the committed state");
            previous = tree.revision();
        }
    }

    private static long lastReported(Path reports) throws java.io.IOException {
        long last = -1;
        for (String line : Files.readAllLines(reports, StandardCharsets.UTF_8)) {
            if (line.startsWith("committed ") && line.endsWith(line.trim())) {
                try {
                    last = Long.parseLong(line.substring(10).trim());
                } catch (NumberFormatException e) {
                    // a line cut by the kill
                }
            }
        }
        return last;
    }
}
