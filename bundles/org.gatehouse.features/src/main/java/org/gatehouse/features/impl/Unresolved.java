package org.gatehouse.features.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Says why bundles did not resolve, in the resolver's terms: each mandatory requirement nothing
 * installed provides ("missing requirement osgi.wiring.package; (osgi.wiring.package=x)"), or the
 * unresolved bundle a requirement could only be met by. FrameworkWiring.resolveBundles answers only
 * true or false, so the requirements are asked of the framework one by one (findProviders).
 */
final class Unresolved {

    private Unresolved() {
    }

    static List<String> reasons(FrameworkWiring wiring, Collection<Bundle> bundles) {
        List<String> reasons = new ArrayList<>();
        for (Bundle b : bundles) {
            if ((b.getState() & (Bundle.INSTALLED)) == 0) {
                continue; // resolved
            }
            BundleRevision revision = b.adapt(BundleRevision.class);
            List<String> own = new ArrayList<>();
            for (BundleRequirement req : revision.getDeclaredRequirements(null)) {
                if (optional(req)) {
                    continue;
                }
                Collection<BundleCapability> providers = wiring.findProviders(req);
                if (providers.isEmpty()) {
                    own.add("missing requirement " + text(req));
                } else if (providers.stream().noneMatch(c -> c.getRevision().getBundle().equals(b)) // not a package it exports itself
                    && providers.stream().allMatch(c -> c.getRevision().getBundle().getState() == Bundle.INSTALLED)) {
                    own.add("needs " + text(req) + " from " + name(providers.iterator().next().getRevision().getBundle())
                        + ", which did not resolve either");
                }
            }
            if (own.isEmpty()) {
                own.add("no requirement is missing on its own: a uses constraint conflicts with installed bundles (the framework log has details)");
            }
            own.forEach(r -> reasons.add(name(b) + ": " + r));
        }
        return reasons;
    }

    static String name(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion();
    }

    private static boolean optional(BundleRequirement req) {
        String resolution = req.getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
        return Constants.RESOLUTION_OPTIONAL.equals(resolution) || PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution)
            || !Constants.EFFECTIVE_RESOLVE.equals(req.getDirectives().getOrDefault(Constants.EFFECTIVE_DIRECTIVE, Constants.EFFECTIVE_RESOLVE));
    }

    private static String text(BundleRequirement req) {
        return req.getNamespace() + "; " + req.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
    }
}
