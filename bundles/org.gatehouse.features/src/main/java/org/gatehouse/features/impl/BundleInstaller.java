package org.gatehouse.features.impl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.gatehouse.features.FeatureException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework side of features: install a set of bundles resolved or not at all, start them,
 * find who needs bundles about to leave, uninstall and refresh. The verdict on a feature is the
 * running framework's own resolver, against exactly what is installed.
 */
final class BundleInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(BundleInstaller.class);
    /**
     * The launcher's rule: the gateway's own bundles start at level 2, after etc/ is configured, and
     * the consoles (Gogo, JLine, the shell commands) and this feature manager at level 3, after the gateway's bundles.
     */
    private static final String GATEWAY_PREFIX = "org.gatehouse.";
    private static final int GATEWAY_LEVEL = 2;
    private static final int CONSOLE_LEVEL = 3;

    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final long refreshTimeoutMillis;

    BundleInstaller(BundleContext context, long refreshTimeoutMillis) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.refreshTimeoutMillis = refreshTimeoutMillis;
    }

    private static int level(String symbolicName, int initial) {
        if (symbolicName == null) {
            return initial;
        }
        if (symbolicName.startsWith("org.apache.felix.gogo.") || symbolicName.equals("org.jline") || symbolicName.startsWith(GATEWAY_PREFIX + "shell")
                || symbolicName.equals(GATEWAY_PREFIX + "features")) {
            return CONSOLE_LEVEL;
        }
        return symbolicName.startsWith(GATEWAY_PREFIX) ? GATEWAY_LEVEL : initial;
    }

    /** The Bundle-SymbolicName in a jar's manifest (without its directives), or null. */
    private static String symbolicName(String location) throws IOException {
        try (JarFile jar = new JarFile(Path.of(URI.create(location)).toFile())) {
            Manifest m = jar.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return bsn == null ? null : bsn.split(";")[0].trim();
        }
    }

    /** The locations of every bundle in the framework. */
    Set<String> present() {
        Set<String> locations = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            locations.add(b.getLocation());
        }
        return locations;
    }

    Bundle bundle(String location) {
        return context.getBundle(location);
    }

    /**
     * Installs the bundles and resolves them together; when one does not resolve (or cannot be
     * installed), uninstalls every one of them again and refuses with the reasons.
     */
    List<Bundle> installResolved(String feature, List<String> locations) throws FeatureException {
        List<Bundle> installed = new ArrayList<>();
        FrameworkStartLevel levels = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        int initial = levels.getInitialBundleStartLevel();
        try {
            for (String location : locations) {
                // The launcher's start levels, given at install: a level set afterwards is applied by Felix
                // on its start-level thread, later, and reported there as an error if the bundle is gone
                // by then (a rollback during the launcher's boot). A FileInstall install at this very
                // moment gets the same level, which the running gateway does not tell apart.
                levels.setInitialBundleStartLevel(level(symbolicName(location), initial));
                installed.add(context.installBundle(location));
            }
        } catch (BundleException | IOException | RuntimeException e) {
            uninstall(installed);
            throw new FeatureException("Feature '" + feature + "' not installed: " + e.getMessage(), e);
        } finally {
            levels.setInitialBundleStartLevel(initial);
        }
        if (!wiring.resolveBundles(installed)) {
            List<String> reasons = Unresolved.reasons(wiring, installed);
            uninstall(installed);
            throw new FeatureException("Feature '" + feature + "' not installed, its bundles do not resolve:"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", reasons));
        }
        return installed;
    }

    /**
     * Starts the bundles (persistently, so a framework restart starts them again), fragments left
     * out. The gateway's own start at level 2 (the consoles at 3), so after a framework restart they start once etc/ is
     * configured, as the launcher has it.
     */
    void start(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    /**
     * The bundles staying that are wired to {@code leaving} through a mandatory requirement: they
     * would stop resolving. Optional imports do not count: a refresh resolves their bundle without.
     */
    List<Bundle> dependents(Collection<Bundle> leaving) {
        Set<Bundle> needing = new java.util.LinkedHashSet<>();
        for (Bundle b : leaving) {
            BundleWiring w = b.adapt(BundleWiring.class);
            if (w == null) {
                continue;
            }
            for (BundleWire wire : w.getProvidedWires(null)) {
                Bundle requirer = wire.getRequirer().getBundle();
                String resolution = wire.getRequirement().getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
                if (!leaving.contains(requirer) && !Constants.RESOLUTION_OPTIONAL.equals(resolution)
                    && !PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution)) {
                    needing.add(requirer);
                }
            }
        }
        return new ArrayList<>(needing);
    }

    /**
     * Installed bundles with an optional import that one of {@code added} now provides: refreshed so
     * that they wire to it (the shell's smartcard commands after the smartcard feature, say).
     */
    void refreshOptionalImporters(Collection<Bundle> added) {
        Set<Bundle> stale = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            BundleWiring w = b.adapt(BundleWiring.class);
            if (added.contains(b) || w == null) {
                continue;
            }
            Set<BundleRequirement> wired = new HashSet<>();
            w.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).forEach(wire -> wired.add(wire.getRequirement()));
            for (BundleRequirement req : b.adapt(BundleRevision.class).getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (Constants.RESOLUTION_OPTIONAL.equals(req.getDirectives().get(Constants.RESOLUTION_DIRECTIVE)) && !wired.contains(req)
                    && wiring.findProviders(req).stream().anyMatch(c -> added.contains(c.getRevision().getBundle()))) {
                    stale.add(b);
                }
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("Refreshing {} to wire their optional imports to the new bundles", stale.stream().map(Unresolved::name).toList());
            refresh(stale);
        }
    }

    /** Stops and uninstalls the bundles (last first), then refreshes them and their dependents, and waits for that. */
    void uninstall(List<Bundle> bundles) {
        List<Bundle> reversed = new ArrayList<>(bundles);
        java.util.Collections.reverse(reversed);
        for (Bundle b : reversed) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Bundle {} could not be uninstalled: {}", b.getLocation(), e.getMessage());
            }
        }
        refresh(bundles);
    }

    /** Refreshes and waits until the framework says it is done, so the caller sees the outcome. */
    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, e -> done.countDown());
        try {
            if (!done.await(refreshTimeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("Refresh of {} bundles not done after {} ms; it goes on in the background", bundles.size(), refreshTimeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
