package org.gatehouse.lwm2m.model.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ddf.DdfException;
import org.gatehouse.lwm2m.model.ddf.DdfParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core models plus every {@code *.xml} of a folder, re-read when the folder's files change.
 * Checked lazily on lookup (at most once per interval) so that no thread is needed.
 */
final class ModelFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFolder.class);

    private final Path directory;
    private final long intervalMillis;
    private volatile State state = new State(CoreModels.all(), List.of(), "", 0);

    private record State(ModelSet models, List<String> problems, String fingerprint, long checkedAt) {
    }

    ModelFolder(Path directory, long intervalMillis) {
        this.directory = directory;
        this.intervalMillis = intervalMillis;
        rescan(true);
    }

    ModelSet current() {
        if (System.currentTimeMillis() - state.checkedAt >= intervalMillis) {
            rescan(false);
        }
        return state.models;
    }

    List<String> problems() {
        return state.problems;
    }

    private synchronized void rescan(boolean force) {
        TreeMap<String, String> files = listing();
        String fingerprint = files.toString();
        long now = System.currentTimeMillis();
        if (!force && fingerprint.equals(state.fingerprint)) {
            state = new State(state.models, state.problems, fingerprint, now);
            return;
        }
        List<ObjectModel> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String file : files.keySet()) {
            Path path = directory.resolve(file);
            try (InputStream in = Files.newInputStream(path)) {
                loaded.addAll(DdfParser.parse(in, path.toString()));
            } catch (DdfException | IOException e) {
                problems.add(e.getMessage());
                LOG.warn("Object model file skipped: {}", e.getMessage());
            }
        }
        if (!loaded.isEmpty()) {
            LOG.info("Loaded {} object model(s) from {}", loaded.size(), directory);
        }
        state = new State(CoreModels.all().with(loaded), List.copyOf(problems), fingerprint, now);
    }

    private TreeMap<String, String> listing() {
        TreeMap<String, String> files = new TreeMap<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.xml")) {
            for (Path p : stream) {
                files.put(p.getFileName().toString(), Files.getLastModifiedTime(p) + "/" + Files.size(p));
            }
        } catch (IOException e) {
            LOG.warn("Cannot list object model folder {}: {}", directory, e.getMessage());
        }
        return files;
    }
}
