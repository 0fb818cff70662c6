package org.gatehouse.features.impl;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.features.FeatureException;
import org.gatehouse.features.FeatureInfo;
import org.gatehouse.features.FeatureManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** feature:list, feature:info, feature:install, feature:uninstall: no logic of their own. */
@Component(service = FeatureCommands.class, property = {"osgi.command.scope=feature", "osgi.command.function=list",
    "osgi.command.function=info", "osgi.command.function=install", "osgi.command.function=uninstall"})
public final class FeatureCommands {

    private static final String NL = System.lineSeparator();

    private final FeatureManager features;

    @Activate
    public FeatureCommands(@Reference FeatureManager features) {
        this.features = features;
    }

    @Descriptor("List the features of the features folder: installed or not, title")
    public String list() {
        List<String> lines = new ArrayList<>();
        for (FeatureInfo f : features.list()) {
            lines.add(String.format("%-22s %-9s %s", f.name(), f.installed() ? "installed" : "-", f.title()));
        }
        return lines.isEmpty() ? "No feature files in the features folder." : String.join(NL, lines);
    }

    @Descriptor("Show a feature: id, title, description, bundles and configurations")
    public String info(@Descriptor("feature name, e.g. bootstrap-smartcard") String name) {
        try {
            FeatureInfo f = features.info(name);
            List<String> lines = new ArrayList<>();
            lines.add(f.name() + " (" + f.id() + "): " + (f.installed() ? "installed" : "not installed"));
            lines.add(f.title());
            if (!f.description().isEmpty()) {
                lines.add(f.description());
            }
            lines.add("bundles:");
            f.bundles().forEach(b -> lines.add("  " + b));
            if (!f.configurations().isEmpty()) {
                lines.add("configurations:");
                f.configurations().forEach(c -> lines.add("  " + c));
            }
            return String.join(NL, lines);
        } catch (FeatureException e) {
            return e.getMessage();
        }
    }

    @Descriptor("Install a feature: its bundles resolved, configured and started, or nothing at all")
    public String install(@Descriptor("feature name, e.g. bootstrap-smartcard") String name) {
        try {
            boolean was = features.info(name).installed();
            FeatureInfo f = features.install(name);
            return was ? "Feature " + name + " is installed already." : "Feature " + f.name() + " installed (" + f.bundles().size() + " bundles).";
        } catch (FeatureException e) {
            return e.getMessage();
        }
    }

    @Descriptor("Uninstall a feature: its bundles no other installed feature lists are removed")
    public String uninstall(@Descriptor("feature name") String name) {
        try {
            features.uninstall(name);
            return "Feature " + name + " uninstalled.";
        } catch (FeatureException e) {
            return e.getMessage();
        }
    }
}
