package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM with SIGKILL while it commits, many times over, and checks after every kill that
 * the store holds exactly a committed state: the last revision the writer reported (it was durable
 * before being reported) or the one in flight, never a torn commit. Each kill aims at a random point
 * of a commit: after the writer announces commit 1, 2 or 3 of its life, the test waits a random part
 * of that commit's measured duration, so kills land before, inside and just after the commit window.
 * A kill cannot tear a write the kernel accepted (a power loss can: {@link StoreFileTest} covers that), so
 * what proves the kills land inside commits is the commit in flight being kept at some restarts, lost at others.
 * A JVM start (~0.2 s) is what each round costs, so every writer is killed in its first commits.
 * The writers recorded per instance are part of the same atomic commit.
 */
class StoreCrashTest {

    private static final int KILLS = 200;
    private static final int TARGETS = 3;

    @TempDir
    Path dir;

    private final Random random = new Random(2026);
    /** Last measured duration (ns) of a writer's commit 1, 2 and 3; a cold first commit is slower. */
    private final long[] commitNanos = {10_000_000, 3_000_000, 3_000_000};
    private int slotCut;
    private int inFlightKept;
    private int inFlightLost;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void every_restart_after_kill_9_sees_the_last_committed_state() throws Exception {
        long durable = 0;
        for (int round = 0; round < KILLS; round++) {
            Reports reports = killDuringCommit(round, durable);
            int cut = unreadableSlots(); // only a kill inside a slot's write leaves one
            FileObjectStore store = new FileObjectStore(dir);
            ObjectTree tree = store.snapshot();
            long expected = Math.max(durable, reports.committed);
            long revision = tree.revision();
            String where = "round " + round + ": store at revision " + revision + ", writer reported " + reports.committed
                + ", in flight " + reports.inFlight + ", unreadable slots " + cut;
            assertTrue(revision == expected || revision == reports.inFlight && reports.inFlight == expected + 1, where);
            assertFalse(cut > 0 && revision != expected, "a commit cut inside its write was not passed over: " + where);
            assertEveryInstanceHolds(tree.objects().get(33000), revision, where);
            assertEquals(java.util.Optional.of(CrashWriter.WRITER), store.writerOf(org.gatehouse.lwm2m.model.LwM2mPath.of(33000, 9)),
                "the writers are part of the committed state: " + where);
            count(cut, revision, expected, reports);
            durable = revision;
        }
        // Both counts above zero: kills landed inside commits on both sides of the slot's write.
        assertTrue(inFlightKept > 0 && inFlightLost > 0, KILLS + " kills: the commit in flight kept " + inFlightKept
            + " times (killed after its write, before it returned), lost " + inFlightLost
            + " times (killed before its write); a slot cut short found at " + slotCut + " restarts");
    }

    private int unreadableSlots() {
        int n = 0;
        for (String name : StoreFile.SLOTS) {
            try {
                if (Files.exists(dir.resolve(name))) {
                    TreeCodec.read(Files.readAllBytes(dir.resolve(name)));
                }
            } catch (IOException e) {
                n++;
            }
        }
        return n;
    }

    /** Starts a writer over the store, kills it at a random point of one of its first commits, returns its reports. */
    private Reports killDuringCommit(int round, long durable) throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int target = random.nextInt(TARGETS);
        long delay = (long) (random.nextDouble() * 1.2 * commitNanos[target]);
        Reports reports = new Reports();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("committing " + (durable + target + 1))) {
                reports.add(line);
            }
            assertNotNull(line, "round " + round + ": writer ended before commit " + (durable + target + 1));
            reports.add(line);
            // A chosen moment, not a condition to await: the kill lands at a random point of the commit.
            LockSupport.parkNanos(delay);
            // SIGKILL on Linux: no shutdown hooks, no flushing. Through the handle, because Process.destroyForcibly
            // also closes the pipe, and what the writer wrote before the kill is still in it.
            writer.toHandle().destroyForcibly();
            writer.waitFor();
            while ((line = out.readLine()) != null) {
                reports.add(line);
            }
        } finally {
            writer.toHandle().destroyForcibly(); // a failed round leaves no writer behind
        }
        if (reports.committedNanos > 0 && reports.committed == durable + target + 1) {
            commitNanos[target] = reports.committedNanos;
        }
        return reports;
    }

    private static void assertEveryInstanceHolds(LwM2mObject object, long revision, String where) {
        for (int i = 0; i < 10; i++) {
            assertEquals(Value.integer(revision), ((SingleResource) object.instance(i).resource(0)).value(), "torn commit in " + where);
        }
    }

    private void count(int cut, long revision, long expected, Reports reports) {
        if (cut > 0) {
            slotCut++;
        }
        if (reports.inFlight == expected + 1) {
            if (revision == reports.inFlight) {
                inFlightKept++;
            } else {
                inFlightLost++;
            }
        }
    }

    /** What one writer reported: its last returned commit (and how long it took) and a commit started but not returned. */
    private static final class Reports {
        long committed = -1;
        long committedNanos;
        long inFlight = -1;

        void add(String line) {
            String[] words = line.split(" ");
            if (words[0].equals("committing") && words.length == 2) {
                inFlight = Long.parseLong(words[1]);
            } else if (words[0].equals("committed") && words.length == 3) {
                committed = Long.parseLong(words[1]);
                committedNanos = Long.parseLong(words[2]) * 1000;
                inFlight = -1;
            }
        }
    }
}
