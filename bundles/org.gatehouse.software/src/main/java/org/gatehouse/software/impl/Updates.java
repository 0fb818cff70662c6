package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gatehouse.coap.CoapTransport;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a server sets off, run one at a time on the software-management worker thread: download
 * and verify a package, install it, uninstall, activate, deactivate, and at start the kept set.
 * Holds the {@link Progress} of each instance and saves it in the {@link Journal} at every change.
 */
final class Updates {

    private static final Logger LOG = LoggerFactory.getLogger(Updates.class);

    /** What the worker needs from the configuration. */
    record Limits(long maxPackageSize, Duration downloadTimeout, Path trustedKeys) {
    }

    private final Map<Integer, Progress> progress = new ConcurrentHashMap<>();
    private final Journal journal;
    private final Path downloads;
    private final Installer installer;
    private final KeptPackages kept;
    private final ObjectStore store;
    private final Bundle self;
    private final Limits limits;
    private final Downloads fetcher;
    private final Supplier<CoapTransport> transport;

    Updates(Path dir, Installer installer, KeptPackages kept, ObjectStore store, Bundle self, Limits limits, Supplier<CoapTransport> transport) {
        this.journal = new Journal(dir.resolve("progress.properties"));
        this.downloads = dir.resolve("downloads");
        this.installer = installer;
        this.kept = kept;
        this.store = store;
        this.self = self;
        this.limits = limits;
        this.fetcher = new Downloads(Duration.ofSeconds(30));
        this.transport = transport;
        progress.putAll(journal.load());
        recover();
    }

    /**
     * An install the journal shows under way did not end in this component: a restart cut it, this
     * bundle updated itself, or the update of a bundle it imports from refreshed it. The install is
     * done when the bundle now runs the target version; otherwise it is reported interrupted (after a
     * restart the framework runs the kept set, i.e. the version before the install).
     */
    private void recover() {
        progress.forEach((id, p) -> {
            if (!p.installing()) {
                if (p.state() == Codes.DOWNLOAD_STARTED || p.state() == Codes.DOWNLOADED) {
                    progress.put(id, p.downloadFailed(Codes.CONNECTION_LOST, "download interrupted by a restart"));
                }
                return;
            }
            Path pkg = file(id);
            Bundle b = installer.find(p.name());
            if (b != null && Version.parseVersion(p.version()).equals(b.getVersion())) {
                try {
                    kept.keep(p.name(), pkg);
                    Files.deleteIfExists(pkg);
                } catch (IOException e) {
                    LOG.warn("Software: cannot keep the package of this bundle's update: {}", e.getMessage());
                }
                progress.put(id, p.installSucceeded());
                LOG.info("Software /9/{}: {}", id, b.getBundleId() == self.getBundleId() ? "this bundle updated itself to " + p.version()
                    : p.name() + " " + p.version() + " installed while this bundle was refreshed");
            } else {
                progress.put(id, p.interrupted(Files.exists(pkg)));
                LOG.warn("Software /9/{}: {}", id, progress.get(id).reason());
            }
        });
        journal.save(progress);
    }

    Progress of(int id, boolean bundlePresent) {
        Progress p = progress.get(id);
        if (p == null) {
            return bundlePresent ? Progress.installed() : Progress.initial();
        }
        if (p.state() == Codes.INSTALLED && !bundlePresent) {
            return new Progress(Codes.INITIAL, p.result(), p.reason(), "", "", false, false);
        }
        return p;
    }

    java.util.Set<Integer> tracked() {
        return progress.keySet();
    }

    void forget(int id) {
        if (progress.remove(id) != null) {
            journal.save(progress);
            deleteQuietly(file(id));
        }
    }

    private void set(int id, Progress p) {
        progress.put(id, p);
        journal.save(progress);
    }

    /** Marks the install started (synchronously, so that a second Install is refused); the work is {@link #install}. */
    void installStarted(int id, boolean bundlePresent) {
        set(id, of(id, bundlePresent).installStarted());
    }

    void download(int id, URI uri, String expectedName, String user, String password) {
        Progress p;
        try {
            Instances.clearUri(store, id);
            p = of(id, !expectedName.isEmpty() && installer.find(expectedName) != null).downloadStarted();
        } catch (IllegalStateException | StoreException e) {
            LOG.warn("Software /9/{}: Package URI ignored: {}", id, e.getMessage());
            return;
        }
        set(id, p);
        Path pkg = file(id);
        LOG.info("Software /9/{}: downloading {}", id, Downloads.safe(uri));
        try {
            fetcher.fetch(uri, pkg, limits.maxPackageSize(), limits.downloadTimeout(), user, password, transport.get());
            set(id, p = p.downloaded());
            LOG.info("Software /9/{}: downloaded {} bytes, verifying", id, Files.size(pkg));
            PackageCheck.Verified v = PackageCheck.verify(pkg, uri, limits.maxPackageSize(), expectedName);
            String signed = checkSignature(id, uri, user, password);
            if (expectedName.isEmpty() && installer.find(v.symbolicName()) != null) {
                throw new PackageCheck.Refused(Codes.DEVICE_ERROR, v.symbolicName() + " is installed already: write the Package URI to its own instance");
            }
            if (expectedName.isEmpty()) {
                Instances.name(store, id, v.symbolicName(), v.version());
            }
            set(id, p.delivered(v.symbolicName(), v.version()));
            LOG.info("Software /9/{}: {} {} delivered (verified{}{}); Install (/9/{}/4) installs it", id, v.symbolicName(), v.version(),
                PackageCheck.expectedSha256(uri).isPresent() ? ", SHA-256 matches" : ", no SHA-256 given", signed, id);
        } catch (PackageCheck.Refused e) {
            deleteQuietly(pkg);
            set(id, p.downloadFailed(e.code, e.getMessage()));
            LOG.warn("Software /9/{}: package refused (Update Result {}): {}", id, e.code, e.getMessage());
        } catch (IOException | StoreException | RuntimeException e) {
            deleteQuietly(pkg);
            set(id, p.downloadFailed(Codes.DEVICE_ERROR, "download failed: " + e));
            LOG.error("Software /9/{}: download failed", id, e);
        } catch (InterruptedException e) {
            deleteQuietly(pkg);
            set(id, p.downloadFailed(Codes.CONNECTION_LOST, "download interrupted"));
            Thread.currentThread().interrupt();
        }
    }

    /**
     * With trusted keys configured, the package must come with a detached signature at its URI plus
     * ".sig" that one of them verifies; without any, signatures are not checked.
     *
     * @return a note for the log
     */
    private String checkSignature(int id, URI uri, String user, String password) throws PackageCheck.Refused, IOException, InterruptedException {
        List<PublicKey> keys = Signatures.trusted(limits.trustedKeys());
        if (keys.isEmpty()) {
            return ", no trusted keys: signature not checked";
        }
        URI at = Signatures.signatureUri(uri);
        Path sig = downloads.resolve(id + ".sig");
        try {
            fetcher.fetch(at, sig, 16 * 1024, limits.downloadTimeout(), user, password, transport.get());
            if (!Signatures.verify(file(id), Files.readAllBytes(sig), keys)) {
                throw new PackageCheck.Refused(Codes.INTEGRITY_FAILURE, "the signature at " + Downloads.safe(at)
                    + " is not verified by any of the " + keys.size() + " trusted key(s) in " + limits.trustedKeys());
            }
            return ", signature verified";
        } catch (PackageCheck.Refused e) {
            throw e.code == Codes.INTEGRITY_FAILURE ? e
                : new PackageCheck.Refused(Codes.INTEGRITY_FAILURE, "trusted keys are configured but no signature came from "
                    + Downloads.safe(at) + ": " + e.getMessage());
        } finally {
            deleteQuietly(sig);
        }
    }

    void install(int id) {
        Progress p = progress.get(id);
        Path pkg = file(id);
        Bundle b = installer.find(p.name());
        long start = System.nanoTime();
        LOG.info("Software /9/{}: installing {} {} ({})", id, p.name(), p.version(), b == null ? "new bundle" : "update of " + b.getVersion());
        try {
            if (b == null) {
                installer.installNew(p.name(), pkg);
                kept.stopped(p.name(), true); // installed, not active until Activate
            } else if (b.getBundleId() == self.getBundleId()) {
                updateSelf(id, p, pkg);
                return;
            } else {
                installer.update(b, pkg, installer.previousCopy(b, downloads.resolve("previous.jar")));
            }
            deleteQuietly(pkg);
            set(id, p.installSucceeded());
            LOG.info("Software /9/{}: installed {} {} in {} ms", id, p.name(), p.version(), (System.nanoTime() - start) / 1_000_000);
        } catch (Installer.Failed | IOException | RuntimeException e) {
            set(id, p.installFailed(e.getMessage()));
            LOG.warn("Software /9/{}: install failed (Update Result 58): {}", id, e.getMessage());
        }
    }

    /**
     * This bundle updating itself: the framework stops it (this component goes), replaces it and
     * starts the new version, which finds the journal's install under way with its own version and
     * reports it installed ({@link #recover}). This thread runs on with the old classes and only
     * checks that the new version came up, going back to the previous jar if not.
     */
    private void updateSelf(int id, Progress p, Path pkg) throws Installer.Failed, IOException {
        Path previous = installer.previousCopy(self, downloads.resolve("previous.jar"));
        LOG.info("Software /9/{}: updating this bundle to {}; the new version reports the result", id, p.version());
        try (InputStream in = Files.newInputStream(pkg)) {
            self.update(in);
        } catch (BundleException | IllegalStateException e) {
            throw new Installer.Failed("the framework refused to update " + p.name() + ": " + e.getMessage());
        }
        if (self.getState() != Bundle.ACTIVE) {
            LOG.warn("Software: the new version of this bundle did not start; rolling back");
            installer.rollback(self, previous, true);
        }
    }

    void uninstall(int id, String name) {
        Progress p = of(id, true);
        Bundle b = name.isEmpty() ? null : installer.find(name);
        try {
            if (b != null) {
                LOG.info("Software /9/{}: uninstalling {} {}", id, name, b.getVersion());
                installer.uninstall(b);
            }
            deleteQuietly(file(id));
            Instances.name(store, id, name, ""); // before the state: a server that sees INITIAL must read no version
            set(id, p.uninstalled());
            LOG.info("Software /9/{}: {} uninstalled", id, name);
        } catch (BundleException | StoreException | RuntimeException e) {
            set(id, p.uninstallFailed("uninstall failed: " + e.getMessage()));
            LOG.warn("Software /9/{}: uninstall of {} failed: {}", id, name, e.getMessage());
        }
    }

    void activate(int id, String name, boolean on) {
        Bundle b = installer.find(name);
        if (b == null) {
            return;
        }
        try {
            if (on) {
                b.start();
            } else {
                b.stop();
            }
            kept.stopped(name, !on);
            LOG.info("Software /9/{}: {} {}", id, name, on ? "activated" : "deactivated");
            progress.computeIfPresent(id, (k, v) -> v.withReason(on ? "activated" : "deactivated"));
        } catch (BundleException | IllegalStateException e) {
            progress.put(id, of(id, true).withReason((on ? "activation" : "deactivation") + " failed: " + e.getMessage()));
            LOG.warn("Software /9/{}: {} of {} failed: {}", id, on ? "activation" : "deactivation", name, e.getMessage());
        }
        journal.save(progress);
    }

    Path file(int id) {
        return downloads.resolve(id + ".jar");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
