package org.gatehouse.bootstrap.impl;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Is the framework still starting bundles up to this bundle's start level (the gateway's own; the
 * consoles start at a later level and are not waited for)? The first bootstrap sequence waits for
 * that, so that it sees every mode the runtime is about to start rather than a few.
 */
final class StartupGate {
    private StartupGate() {
    }

    static boolean starting(BundleContext context) {
        if (context == null) {
            return false;
        }
        int active = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        BundleStartLevel own = context.getBundle().adapt(BundleStartLevel.class);
        int upTo = own == null ? active : Math.min(active, own.getStartLevel());
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            boolean due = level != null && level.isPersistentlyStarted() && level.getStartLevel() <= upTo;
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (due && !fragment && (b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING)) != 0) {
                return true;
            }
        }
        return false;
    }
}
