package org.gatehouse.features.impl;

import java.nio.file.Path;

/** A bundle's id in a feature (group:artifact[:type[:classifier]]:version) and its jar under system/ (Maven layout). */
record MavenId(String group, String artifact, String version, String type, String classifier) {

    static MavenId parse(String id) {
        String[] p = id.split(":");
        for (String part : p) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("bundle id '" + id + "' has an empty part; expected group:artifact:version");
            }
        }
        return switch (p.length) {
            case 3 -> new MavenId(p[0], p[1], p[2], "jar", "");
            case 4 -> new MavenId(p[0], p[1], p[3], p[2], "");
            case 5 -> new MavenId(p[0], p[1], p[4], p[2], p[3]);
            default -> throw new IllegalArgumentException("bundle id '" + id + "' is not group:artifact[:type[:classifier]]:version");
        };
    }

    /** Where the launcher and the build put this artifact. */
    Path jar(Path system) {
        String file = artifact + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
        return system.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(file);
    }
}
