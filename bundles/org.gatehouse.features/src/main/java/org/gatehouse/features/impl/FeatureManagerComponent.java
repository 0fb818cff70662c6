package org.gatehouse.features.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gatehouse.features.FeatureException;
import org.gatehouse.features.FeatureInfo;
import org.gatehouse.features.FeatureManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature manager: what is installed (the launcher's set, then each change), the feature files,
 * and the order of an install (resolve, configure, start, save) or an uninstall (check, save,
 * uninstall, unconfigure), each undone when a step fails.
 */
@Component(service = FeatureManager.class, immediate = true, configurationPid = "org.gatehouse.features")
@Designate(ocd = FeatureManagerComponent.Config.class)
public final class FeatureManagerComponent implements FeatureManager {

    @ObjectClassDefinition(name = "Gatehouse feature manager", description = "Installs and removes features while the gateway runs")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the feature files (NAME.json); empty: features/ of the distribution")
        String features_dir() default "";

        @AttributeDefinition(description = "Bundles in Maven layout; empty: system/ of the distribution")
        String system_dir() default "";

        @AttributeDefinition(description = "File of the installed set; empty: features.properties in the data folder")
        String state_file() default "";

        @AttributeDefinition(description = "How long an install or uninstall waits for the framework to refresh bundles (ms)")
        long refresh_timeout() default 30_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeatureManagerComponent.class);

    private final Path featureDir;
    private final Path system;
    private final Path stateFile;
    private final String ownLocation;
    private final BundleInstaller installer;
    private final FeatureConfigurations configurations;
    private BundleCounts counts = new BundleCounts();
    private InstalledSet state;

    @Activate
    public FeatureManagerComponent(BundleContext context, @Reference ConfigurationAdmin admin, Config config) throws IOException {
        Path home = Path.of(Optional.ofNullable(context.getProperty("gatehouse.home")).orElse(".")).toAbsolutePath().normalize();
        Path data = Optional.ofNullable(context.getProperty("gatehouse.data")).map(Path::of).orElse(home.resolve("data"));
        this.featureDir = config.features_dir().isEmpty() ? home.resolve("features") : Path.of(config.features_dir());
        this.system = config.system_dir().isEmpty() ? home.resolve("system") : Path.of(config.system_dir());
        this.stateFile = config.state_file().isEmpty() ? data.resolve("features.properties") : Path.of(config.state_file());
        this.ownLocation = context.getBundle().getLocation();
        this.installer = new BundleInstaller(context, config.refresh_timeout());
        this.configurations = new FeatureConfigurations(admin);
        // The launcher wrote the set it started with; without it (another launcher), its framework property.
        List<String> launched = InstalledSet.names(Optional.ofNullable(context.getProperty("gatehouse.features")).orElse(""));
        this.state = InstalledSet.load(stateFile).orElse(new InstalledSet(launched, launched));
        for (String name : state.installed()) {
            adopt(name);
        }
        // with a bundle cache kept across starts, configurations of features dropped meanwhile are still there
        for (String name : configurations.tagged()) {
            if (!counts.contains(name)) {
                removeConfigurations(name);
            }
        }
        LOG.info("Features installed: {}", counts.names());
    }

    /** A feature the launcher installed: its bundles counted, its configurations in place (ConfigAdmin's store starts empty). */
    private void adopt(String name) {
        try {
            FeatureFile file = FeatureFile.read(name, featureDir.resolve(name + ".json"));
            counts.add(name, locations(file));
            configurations.apply(name, file.configurations());
        } catch (FeatureException | IOException e) {
            LOG.warn("Installed feature {}: {}", name, e.getMessage());
            counts.add(name, List.of());
        }
    }

    @Override
    public synchronized List<FeatureInfo> list() {
        List<FeatureInfo> all = new ArrayList<>();
        for (String name : available()) {
            try {
                all.add(info(name));
            } catch (FeatureException e) {
                all.add(new Info(name, "", "(unreadable)", e.getMessage(), counts.contains(name), List.of(), List.of()));
            }
        }
        return all;
    }

    @Override
    public synchronized FeatureInfo info(String name) throws FeatureException {
        return info(read(name));
    }

    @Override
    public synchronized FeatureInfo install(String name) throws FeatureException {
        FeatureFile file = read(name);
        if (counts.contains(name)) {
            return info(file);
        }
        List<String> locations = locations(file);
        List<String> added = counts.toInstall(locations, installer.present());
        List<Bundle> bundles = installer.installResolved(name, added);
        BundleCounts before = counts.copy();
        try {
            List<String> created = configurations.apply(name, file.configurations());
            installer.start(bundles);
            counts.add(name, locations);
            save();
            LOG.info("Feature {} installed: {} bundles added, {} already there, configurations {}", name, bundles.size(),
                locations.size() - bundles.size(), created);
        } catch (IOException | org.osgi.framework.BundleException | RuntimeException e) {
            counts = before;
            installer.uninstall(bundles);
            removeConfigurations(name);
            throw new FeatureException("Feature '" + name + "' not installed, undone: " + e.getMessage(), e);
        }
        try {
            installer.refreshOptionalImporters(bundles);
        } catch (RuntimeException e) {
            LOG.warn("Feature {} installed, but bundles with optional imports could not be refreshed: {}", name, e.getMessage());
        }
        return info(file);
    }

    @Override
    public synchronized void uninstall(String name) throws FeatureException {
        if (!counts.contains(name)) {
            throw new FeatureException("Feature '" + name + "' is not installed (installed: " + String.join(", ", counts.names()) + ")");
        }
        List<String> leaving = counts.toRemove(name);
        if (leaving.contains(ownLocation)) {
            throw new FeatureException("Feature '" + name + "' holds the feature manager itself and cannot be uninstalled");
        }
        List<Bundle> bundles = leaving.stream().map(installer::bundle).filter(b -> b != null).toList();
        List<Bundle> dependents = installer.dependents(bundles);
        if (!dependents.isEmpty()) {
            List<String> needing = new ArrayList<>();
            dependents.forEach(b -> needing.add(Unresolved.name(b) + featureOf(b)));
            throw new FeatureException("Feature '" + name + "' not uninstalled: its bundles are needed by " + String.join(", ", needing)
                + "; uninstall those first");
        }
        BundleCounts before = counts.copy();
        counts.remove(name);
        try {
            save();
        } catch (IOException e) {
            counts = before;
            throw new FeatureException("Feature '" + name + "' not uninstalled: " + stateFile + " cannot be written: " + e.getMessage(), e);
        }
        installer.uninstall(bundles);
        removeConfigurations(name);
        LOG.info("Feature {} uninstalled: {} bundles removed, {} kept for other features", name, bundles.size(),
            before.locations(name).size() - leaving.size());
    }

    private String featureOf(Bundle b) {
        List<String> features = counts.featuresListing(List.of(b.getLocation()), "");
        return features.isEmpty() ? "" : " (feature " + String.join(", ", features) + ")";
    }

    private void removeConfigurations(String name) {
        try {
            configurations.remove(name);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Feature {}: its configurations could not be deleted: {}", name, e.getMessage());
        }
    }

    private void save() throws IOException {
        state = state.withInstalled(counts.names());
        state.save(stateFile);
    }

    private FeatureFile read(String name) throws FeatureException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new FeatureException("'" + name + "' is not a feature name (letters, digits, '.', '_', '-')");
        }
        return FeatureFile.read(name, featureDir.resolve(name + ".json"));
    }

    /** The bundle locations of a feature, as the launcher installs them; refuses when a jar is not there. */
    private List<String> locations(FeatureFile file) throws FeatureException {
        List<String> locations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : file.bundles()) {
            Path jar = MavenId.parse(id).jar(system);
            if (Files.isRegularFile(jar)) {
                locations.add(jar.toUri().toString());
            } else {
                missing.add(id + " (" + jar + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new FeatureException("Feature '" + file.name() + "' not installed: bundles missing from " + system + ": "
                + String.join(", ", missing));
        }
        return locations;
    }

    private FeatureInfo info(FeatureFile f) {
        return new Info(f.name(), f.id(), f.title(), f.description(), counts.contains(f.name()), f.bundles(),
            List.copyOf(f.configurations().keySet()));
    }

    private List<String> available() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(featureDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(featureDir, "*.json")) {
                files.forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.json$", "")));
            } catch (IOException e) {
                LOG.warn("Features folder {} cannot be listed: {}", featureDir, e.getMessage());
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    /** A feature as listed. */
    private record Info(String name, String id, String title, String description, boolean installed, List<String> bundles,
        List<String> configurations) implements FeatureInfo {
    }
}
