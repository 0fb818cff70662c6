package org.gatehouse.firmware.impl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of /5/0 over the folder {@code <data>/firmware}: download, verify and stage a
 * distribution (Idle, Downloading, Downloaded), ask the launcher to start it (Updating), and report
 * the outcome once the new set registered or the launcher fell back. Every step is saved before it
 * takes effect, so a process that dies anywhere is reported consistently at the next start.
 * Methods run on the component's single worker thread; {@link #progress()} from any thread.
 */
final class Firmware {

    private static final Logger LOG = LoggerFactory.getLogger(Firmware.class);

    record Limits(long maxPackageSize, Duration downloadTimeout) {
    }

    private final Path progressFile;
    private final Path download;
    private final BootFile boot;
    private final Staging staging;
    private final String running;
    private final Limits limits;
    private final Fetch fetch = new Fetch();
    private final Runnable restart;
    private volatile Progress progress;

    /**
     * @param running the version this process runs (the launcher's gatehouse.version)
     * @param restart stops the framework, so that the launcher starts the requested set
     */
    Firmware(Path dir, String running, Limits limits, Runnable restart) {
        this.progressFile = dir.resolve("progress.properties");
        this.download = dir.resolve("download/package.zip");
        this.boot = new BootFile(dir.resolve("boot.properties"));
        this.staging = new Staging(dir.resolve("versions"));
        this.running = running;
        this.limits = limits;
        this.restart = restart;
        this.progress = Progress.load(progressFile);
    }

    Progress progress() {
        return progress;
    }

    String running() {
        return running;
    }

    private void set(Progress p) {
        p.save(progressFile);
        progress = p;
    }

    /** At activation: what a restart or crash interrupted is finished or reported, and leftovers go. */
    void recover() throws IOException {
        Progress p = progress;
        if (p.state() == Codes.DOWNLOADING) {
            set(p.to(Codes.IDLE, Codes.CONNECTION_LOST, "download interrupted by a restart"));
            LOG.warn("Firmware /5/0: download interrupted by a restart (Update Result 4)");
        } else if (p.state() == Codes.UPDATING) {
            String state = boot.state();
            if (!state.equals("idle") && p.version().equals(boot.target()) && running.equals(p.version())) {
                LOG.info("Firmware /5/0: running {} on trial; kept once a server registration succeeds", running);
            } else if (state.equals("idle") && p.version().equals(boot.active()) && running.equals(p.version())) {
                set(p.to(Codes.IDLE, Codes.SUCCESS, "")); // confirmed just before a crash
            } else {
                String why = boot.failed().equals(p.version()) && !boot.reason().isEmpty() ? boot.reason() : "did not start";
                set(p.to(Codes.IDLE, Codes.UPDATE_FAILED, "firmware " + p.version() + " " + why + "; running " + running));
                LOG.warn("Firmware /5/0: update to {} failed (Update Result 8): {}; running {}", p.version(), why, running);
            }
        } else if (p.state() == Codes.DOWNLOADED && !Files.isDirectory(staging.folder(p.version()))) {
            set(p.to(Codes.IDLE, Codes.INITIAL, ""));
        }
        Staging.delete(download.getParent());
        Progress now = progress;
        boolean staged = now.state() == Codes.DOWNLOADED || now.state() == Codes.UPDATING;
        staging.clean(boot.active(), staged ? now.version() : boot.active());
    }

    /** A Package URI was written: download, verify, stage. Ends Downloaded, or Idle with the reason in Update Result. */
    void download(URI uri) throws InterruptedException {
        Progress before = progress;
        set(new Progress(Codes.DOWNLOADING, Codes.INITIAL, "", ""));
        LOG.info("Firmware /5/0: downloading {}", Fetch.withoutFragment(uri));
        try {
            if (before.state() == Codes.DOWNLOADED) {
                Staging.delete(staging.folder(before.version())); // replaced by this package
            }
            long start = System.nanoTime();
            fetch.fetch(uri, download, limits.maxPackageSize(), limits.downloadTimeout());
            LOG.info("Firmware /5/0: downloaded {} bytes in {} ms, verifying", Files.size(download), (System.nanoTime() - start) / 1_000_000);
            Optional<String> sha = Staging.expectedSha256(uri);
            String version = staging.stage(download, sha, running);
            set(progress.staged(version));
            LOG.info("Firmware /5/0: {} staged ({}); execute Update (/5/0/2) to restart into it", version,
                sha.isPresent() ? "SHA-256 matches" : "no SHA-256 given");
        } catch (Refused e) {
            set(new Progress(Codes.IDLE, e.result(), e.getMessage(), ""));
            LOG.warn("Firmware /5/0: package refused (Update Result {}): {}", e.result(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            set(new Progress(Codes.IDLE, Codes.NOT_ENOUGH_FLASH, "staging failed: " + e, ""));
            LOG.warn("Firmware /5/0: staging failed (Update Result 2): {}", e.toString());
        } finally {
            try {
                Staging.delete(download.getParent());
            } catch (IOException e) {
                LOG.warn("Firmware /5/0: cannot delete {}: {}", download, e.getMessage());
            }
        }
    }

    /** Update (/5/0/2): the launcher is asked to start the staged version, and the framework stops for it. */
    Optional<String> update() {
        Progress p = progress;
        if (p.state() != Codes.DOWNLOADED) {
            return Optional.of("nothing to update: State is " + p.state() + "; write a Package URI (1) and wait for Downloaded (2)");
        }
        set(p.to(Codes.UPDATING, Codes.INITIAL, ""));
        boot.request(p.version());
        LOG.info("Firmware /5/0: updating {} to {}: restarting", running, p.version());
        restart.run();
        return Optional.empty();
    }

    /** A server registration succeeded: a trial of this version becomes the active set. */
    void registered() throws IOException {
        Progress p = progress;
        if (p.state() == Codes.UPDATING && "trying".equals(boot.state()) && running.equals(boot.target())) {
            boot.confirm();
            set(p.to(Codes.IDLE, Codes.SUCCESS, ""));
            staging.clean(running);
            LOG.info("Firmware /5/0: {} registered with a server; update confirmed (Update Result 1)", running);
        }
    }

    /** An empty Package URI: a staged package is dropped and the state machine is reset. */
    void cancel() throws IOException {
        Progress p = progress;
        if (p.state() == Codes.DOWNLOADED) {
            Staging.delete(staging.folder(p.version()));
        }
        if (!p.busy()) {
            set(Progress.INITIAL);
        }
    }
}
