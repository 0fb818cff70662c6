package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the framework to the kept set at start: the gateway may start from a clean bundle cache with
 * the bundles of its features, so what servers installed, updated, deactivated or uninstalled is
 * applied again from {@link KeptPackages}. Does nothing when the framework is there already (an
 * in-place restart). This bundle's own kept version is applied last, since it stops this component.
 * A kept package older than the version a feature brings (the distribution was upgraded since) is
 * dropped rather than applied.
 */
final class Restore {

    private static final Logger LOG = LoggerFactory.getLogger(Restore.class);

    private Restore() {
    }

    static void apply(KeptPackages kept, Installer installer, Bundle self) {
        try {
            for (String bsn : kept.marked("removed")) {
                Bundle b = installer.find(bsn);
                if (b != null && b.getBundleId() != self.getBundleId()) {
                    LOG.info("Software: uninstalling {} again (uninstalled through /9)", bsn);
                    b.uninstall();
                }
            }
            String selfVersion = null;
            for (Map.Entry<String, String> jar : kept.jars().entrySet()) {
                String bsn = jar.getKey();
                Bundle b = installer.find(bsn);
                Version want = Version.parseVersion(jar.getValue());
                if (b != null && !b.getLocation().startsWith(Installer.LOCATION_PREFIX) && want.compareTo(b.getVersion()) < 0) {
                    // the distribution was upgraded past the version a server installed: the newer one stays
                    LOG.info("Software: kept {} {} is older than the distribution's {}; the kept package is dropped", bsn, want, b.getVersion());
                    Files.deleteIfExists(kept.jar(bsn));
                    continue;
                }
                if (b != null && b.getBundleId() == self.getBundleId()) {
                    selfVersion = want.equals(b.getVersion()) ? null : jar.getValue();
                    continue;
                }
                try (InputStream in = Files.newInputStream(kept.jar(bsn))) {
                    if (b == null) {
                        LOG.info("Software: installing kept {} {}", bsn, want);
                        b = installer.context().installBundle(Installer.LOCATION_PREFIX + bsn, in);
                    } else if (!want.equals(b.getVersion())) {
                        LOG.info("Software: updating {} {} to kept {}", bsn, b.getVersion(), want);
                        b.update(in);
                        installer.refresh(b);
                    }
                }
                if (!kept.isStopped(bsn) && b.getState() != Bundle.ACTIVE) {
                    b.start();
                }
            }
            for (String bsn : kept.marked("stopped")) {
                Bundle b = installer.find(bsn);
                if (b != null && b.getBundleId() != self.getBundleId() && b.getState() == Bundle.ACTIVE) {
                    LOG.info("Software: stopping {} (deactivated through /9)", bsn);
                    b.stop();
                }
            }
            if (selfVersion != null) {
                LOG.info("Software: updating this bundle {} to kept {}", self.getVersion(), selfVersion);
                try (InputStream in = Files.newInputStream(kept.jar(self.getSymbolicName()))) {
                    self.update(in);
                }
            }
        } catch (IOException | BundleException | IllegalStateException e) {
            LOG.error("Software: kept bundles not restored: {}; check data/software/kept", e.getMessage(), e);
        }
    }
}
