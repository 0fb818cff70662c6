package org.gatehouse.benchmarks;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.server.registration.Registration;
import org.gatehouse.bootstrap.itest.LeshanPeers;

/**
 * Runs one process until the endpoint registered at Leshan's server: the time from the process's
 * start, and its resident set (VmRSS) at registration and after {@code idleSeconds} registered and
 * idle. Then stops it ({@code stop} on its stdin, else killed) and makes sure the registration is
 * gone, so that the endpoint can register again.
 */
final class StartTimer {

    /** One start: milliseconds to registered, resident KiB then and after the idle time (0: not on Linux). */
    record Start(long millis, long kibRegistered, long kibIdle) {
    }

    private final LeshanPeers peers;
    private final int idleSeconds;

    StartTimer(LeshanPeers peers, int idleSeconds) {
        this.peers = peers;
        this.idleSeconds = idleSeconds;
    }

    Start run(String ep, ProcessBuilder pb, String stop) throws Exception {
        long start = System.nanoTime();
        // -Dcoldstart.logs=<folder> keeps each start's output there (<endpoint>.log, appended), to read its timeline
        String logs = System.getProperty("coldstart.logs");
        Process p = pb.redirectErrorStream(true).redirectOutput(logs == null ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(Files.createDirectories(Path.of(logs)).resolve(ep + ".log").toFile())).start();
        try {
            while (peers.server.getRegistrationService().getByEndpoint(ep) == null) {
                if (!p.isAlive() || System.nanoTime() - start > TimeUnit.SECONDS.toNanos(90)) {
                    throw new IllegalStateException(ep + " did not register");
                }
                Thread.sleep(2);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            long registered = residentKib(p.pid()); // bin/gatehouse execs its JVM, so the pid is the JVM's
            p.waitFor(idleSeconds, TimeUnit.SECONDS); // registered and idle; returns early only if it died
            return new Start(ms, registered, residentKib(p.pid()));
        } finally {
            if (stop != null && p.isAlive()) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stop.getBytes(StandardCharsets.UTF_8));
                }
                p.waitFor(20, TimeUnit.SECONDS);
            }
            p.destroyForcibly().waitFor();
            Registration left = peers.server.getRegistrationService().getByEndpoint(ep);
            if (left != null) { // Leshan's client is killed without a De-register
                peers.server.getRegistrationStore().removeRegistration(left.getId());
            }
        }
    }

    /** VmRSS of a process on Linux; 0 elsewhere. */
    private static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            // no /proc: not Linux
        }
        return 0;
    }
}
