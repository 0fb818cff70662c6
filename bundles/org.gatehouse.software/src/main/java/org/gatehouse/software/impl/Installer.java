package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework side of an install: installs or updates a bundle from a verified package, resolves
 * it, starts it again when it was active, and rolls back to the previous jar when any of that fails.
 * A package installed this way is kept in {@code kept/<symbolic name>.jar}, because the gateway
 * may start from a clean bundle cache: {@link KeptPackages} installs the kept set again at each start.
 */
final class Installer {

    /** Location prefix of the bundles installed through object 9 (they have no file of their own). */
    static final String LOCATION_PREFIX = "software:";

    private static final Logger LOG = LoggerFactory.getLogger(Installer.class);

    /** Why an install did not happen; the framework is back on the previous version. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private final BundleContext context;
    private final KeptPackages kept;

    Installer(BundleContext context, KeptPackages kept) {
        this.context = context;
        this.kept = kept;
    }

    BundleContext context() {
        return context;
    }

    Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A new bundle, installed and resolved but not started (Activate starts it). */
    Bundle installNew(String symbolicName, Path pkg) throws Failed, IOException {
        Bundle b;
        try (InputStream in = Files.newInputStream(pkg)) {
            b = context.installBundle(LOCATION_PREFIX + symbolicName, in);
        } catch (BundleException e) {
            throw new Failed("install of " + symbolicName + " refused by the framework: " + e.getMessage());
        }
        if (!resolve(b)) {
            String why = unresolved(b);
            uninstallQuietly(b);
            throw new Failed(symbolicName + " does not resolve: " + why);
        }
        kept.keep(symbolicName, pkg);
        return b;
    }

    /**
     * Updates {@code b} to {@code pkg}; on a failure to update, resolve or (when it was active) start,
     * updates it back to the previous jar and throws.
     */
    void update(Bundle b, Path pkg, Path previous) throws Failed, IOException {
        boolean wasActive = b.getState() == Bundle.ACTIVE;
        String bsn = b.getSymbolicName();
        String problem;
        try (InputStream in = Files.newInputStream(pkg)) {
            b.update(in); // stops it first and starts it again if it was active
            refresh(b);
            problem = !resolve(b) ? "does not resolve: " + unresolved(b) : wasActive ? startProblem(b) : null;
        } catch (BundleException | IllegalStateException e) {
            problem = "update refused by the framework: " + e.getMessage();
        }
        if (problem == null) {
            kept.keep(bsn, pkg);
            return;
        }
        LOG.warn("Software: {} {}; rolling back to the previous version", bsn, problem);
        rollback(b, previous, wasActive);
        throw new Failed(bsn + " " + problem + "; rolled back to " + b.getVersion());
    }

    void rollback(Bundle b, Path previous, boolean start) {
        try (InputStream in = Files.newInputStream(previous)) {
            b.update(in);
            refresh(b);
            if (start && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
            LOG.info("Software: {} rolled back to {}", b.getSymbolicName(), b.getVersion());
        } catch (IOException | BundleException | IllegalStateException e) {
            LOG.error("Software: rollback of {} failed: {}; restart the gateway to get back to the kept set", b.getSymbolicName(), e.getMessage(), e);
        }
    }

    /** A copy of the jar {@code b} runs now, to roll back to: the kept package, else the bundle's location. */
    Path previousCopy(Bundle b, Path to) throws Failed, IOException {
        Files.createDirectories(to.getParent());
        Path keptJar = kept.jar(b.getSymbolicName());
        if (Files.exists(keptJar)) {
            Files.copy(keptJar, to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        }
        try (InputStream in = new URL(b.getLocation()).openStream()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed("no copy of the running " + b.getSymbolicName() + " " + b.getVersion() + " to roll back to (location "
                + b.getLocation() + "): update refused");
        }
    }

    void uninstall(Bundle b) throws BundleException {
        String bsn = b.getSymbolicName();
        boolean fromFeature = !b.getLocation().startsWith(LOCATION_PREFIX);
        b.uninstall();
        refresh(null);
        kept.forget(bsn, fromFeature);
    }

    private boolean resolve(Bundle b) {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(List.of(b));
    }

    /** The framework's reason: starting an unresolvable bundle fails with the missing requirement and starts nothing. */
    private static String unresolved(Bundle b) {
        try {
            b.start(Bundle.START_TRANSIENT);
            b.stop(Bundle.STOP_TRANSIENT);
            return "unknown reason";
        } catch (BundleException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static String startProblem(Bundle b) {
        try {
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
            return null;
        } catch (BundleException | IllegalStateException e) {
            return "does not start: " + e.getMessage();
        }
    }

    /** Drops the old revision, so that importers move to the new one; waits for the refresh to end. */
    void refresh(Bundle b) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
            .refreshBundles(b == null ? null : List.of(b), e -> done.countDown());
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                LOG.warn("Software: refresh did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Software: could not uninstall {} after its failed install: {}", b.getSymbolicName(), e.getMessage());
        }
    }
}
