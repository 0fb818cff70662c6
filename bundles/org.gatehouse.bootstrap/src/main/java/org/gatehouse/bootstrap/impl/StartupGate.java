package org.gatehouse.bootstrap.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Is the framework still starting bundles up to this bundle's start level (the gateway's own; the
 * consoles start at a later level and are not waited for)? The first bootstrap sequence waits for
 * that, so that it sees every mode the runtime is about to start, and the Register lists every
 * object, rather than a few.
 *
 * <p>A bundle's state is not enough: a bundle is ACTIVE before SCR, on its STARTED event, reads its
 * components and activates the immediate ones (a Firmware Update object whose activation waits for
 * a store commit came up after the Register). So an ACTIVE bundle with components counts as starting
 * while SCR has not read them, or while an enabled immediate component is satisfied but not yet active.
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
        List<Bundle> started = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            boolean due = level != null && level.isPersistentlyStarted() && level.getStartLevel() <= upTo;
            if (!due || b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if ((b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING)) != 0) {
                return true;
            }
            if (b.getState() == Bundle.ACTIVE && b.getHeaders().get("Service-Component") != null) {
                started.add(b);
            }
        }
        return componentsStarting(context, started);
    }

    private static boolean componentsStarting(BundleContext context, List<Bundle> bundles) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = ref == null ? null : context.getService(ref);
        if (scr == null) {
            return false; // no SCR: nothing more to wait for
        }
        try {
            for (Bundle b : bundles) {
                Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(b);
                if (descriptions.isEmpty()) {
                    return true; // SCR has not read this bundle's components yet
                }
                for (ComponentDescriptionDTO d : descriptions) {
                    if (d.immediate && scr.isComponentEnabled(d) && activating(d, scr.getComponentConfigurationDTOs(d))) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            context.ungetService(ref);
        }
    }

    // A component waiting for a required configuration or a reference is not starting: it may wait forever.
    private static boolean activating(ComponentDescriptionDTO d, Collection<ComponentConfigurationDTO> configurations) {
        if (configurations.isEmpty()) {
            return !"require".equals(d.configurationPolicy);
        }
        return configurations.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED);
    }
}
