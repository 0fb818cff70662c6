package org.gatehouse.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The jars a set of features names, kept beside the bundle cache after a start completed, so that the
 * next start skips the OSGi Feature reader (its JSON parser and converter load some 300 classes) while
 * no feature file changed. Like the cache's fingerprint it lives inside the cache folder: a cleaned
 * cache never carries an old list.
 */
final class FeatureJars {

    private static final String FILE = "gatehouse-features.txt";
    private static final String END_OF_KEY = "\n--\n";

    private FeatureJars() {
    }

    /** The features' files as they are now (path, size, time), and the system/ folder their jars come from. */
    static String key(Path featureDir, Path system, List<String> names) throws IOException {
        StringBuilder key = new StringBuilder("system ").append(system);
        for (String name : names) {
            Path file = featureDir.resolve(name + ".json");
            key.append('\n').append(file).append(' ');
            key.append(Files.isRegularFile(file) ? Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() : "missing");
        }
        return key.toString();
    }

    /** The list kept for this key, when every jar on it is still there. */
    static Optional<List<Path>> load(Path cache, String key) {
        try {
            String kept = Files.readString(cache.resolve(FILE), StandardCharsets.UTF_8);
            if (!kept.startsWith(key + END_OF_KEY)) {
                return Optional.empty();
            }
            List<Path> jars = kept.substring(key.length() + END_OF_KEY.length()).lines().map(Path::of).toList();
            return jars.stream().allMatch(Files::isRegularFile) ? Optional.of(jars) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // none kept yet
        }
    }

    static void save(Path cache, String key, List<Path> jars) throws IOException {
        StringBuilder text = new StringBuilder(key).append(END_OF_KEY);
        jars.forEach(j -> text.append(j).append('\n'));
        Path temp = cache.resolve(FILE + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, cache.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
