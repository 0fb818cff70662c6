package org.gatehouse.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;

import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/** Reads OSGi Feature JSON files (features/NAME.json) and maps their bundles to jars under system/. */
final class Features {

    private final FeatureService service;
    private final Path featureDir;
    private final Path system;

    Features(Path featureDir, Path system) {
        this.service = ServiceLoader.load(FeatureService.class, Features.class.getClassLoader()).findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi Feature reader on the class path"));
        this.featureDir = featureDir;
        this.system = system;
    }

    /** The jars of the named features, in feature then listing order, without duplicates. */
    List<Path> bundles(List<String> names) throws IOException {
        LinkedHashSet<Path> jars = new LinkedHashSet<>();
        for (String name : names) {
            Path file = featureDir.resolve(name + ".json");
            if (!Files.exists(file)) {
                throw new IOException("feature '" + name + "' not found: " + file + " (see gatehouse.features in etc/config.properties)");
            }
            Feature feature;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                feature = service.readFeature(r);
            }
            for (FeatureBundle b : feature.getBundles()) {
                Path jar = jar(b.getID());
                if (!Files.exists(jar)) {
                    throw new IOException("feature '" + name + "' lists " + b.getID() + " but " + jar + " is missing");
                }
                jars.add(jar);
            }
        }
        return new ArrayList<>(jars);
    }

    private Path jar(ID id) {
        String file = id.getArtifactId() + "-" + id.getVersion() + id.getClassifier().map(c -> "-" + c).orElse("") + "."
            + id.getType().orElse("jar");
        return system.resolve(id.getGroupId().replace('.', '/')).resolve(id.getArtifactId()).resolve(id.getVersion()).resolve(file);
    }
}
