package org.gatehouse.device.impl;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reboots the gateway by updating the system bundle: the framework stops every bundle (each server
 * is de-registered on the way) and starts again in the same process, with the same bundles and
 * data/. The launcher starts the framework itself when an implementation does not restart in place.
 */
@Component(service = Reboot.class)
public final class FrameworkReboot implements Reboot {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkReboot.class);

    private final BundleContext context;

    @Activate
    public FrameworkReboot(BundleContext context) {
        this.context = context;
    }

    @Override
    public void reboot() {
        LOG.info("Reboot: restarting the framework");
        try {
            // Returns at once: the framework stops and starts again on a thread of its own.
            context.getBundle(Constants.SYSTEM_BUNDLE_ID).update();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Reboot failed: the framework could not be restarted", e);
        }
    }
}
