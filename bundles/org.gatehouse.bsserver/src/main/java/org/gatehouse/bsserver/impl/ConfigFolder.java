package org.gatehouse.bsserver.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configurations dropped into a folder ({@code etc/bsserver/*.json}) are stored, changed ones stored
 * again and deleted ones removed, without a restart. A refused file is logged with its reasons and the
 * configuration stored before stays.
 */
@Component(immediate = true, configurationPid = ConfigFolder.PID)
@Designate(ocd = ConfigFolder.Config.class)
public final class ConfigFolder {

    public static final String PID = "org.gatehouse.bsserver.files";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFolder.class);

    @ObjectClassDefinition(name = "Gatehouse bootstrap-server configuration folder")
    public @interface Config {
        @AttributeDefinition(description = "Folder whose *.json files are bootstrap configurations; empty means <gateway>/etc/bsserver")
        String folder() default "";

        @AttributeDefinition(description = "How often the folder is looked at (ms)")
        long poll_interval() default 1000;
    }

    /** What a file last brought: its content, and the key it stored (empty if it was refused). */
    private record Seen(String content, String key) {
    }

    private final BootstrapConfigs configs;
    private final Path folder;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bsserver-files"));

    @Activate
    public ConfigFolder(@Reference BootstrapConfigs configs, Config config, BundleContext context) {
        this.configs = configs;
        this.folder = folder(config, context);
        LOG.info("Bootstrap configurations are read from {}", folder);
        poller.scheduleWithFixedDelay(this::scan, 0, config.poll_interval(), TimeUnit.MILLISECONDS);
    }

    private static Path folder(Config config, BundleContext context) {
        if (!config.folder().isBlank()) {
            return Path.of(config.folder());
        }
        // the launcher names the distribution's etc/; elsewhere the working directory's
        String etc = context == null ? null : context.getProperty("gatehouse.etc");
        return Path.of(etc == null ? "etc" : etc, "bsserver");
    }

    @Deactivate
    public void deactivate() {
        poller.shutdownNow();
    }

    /** One look at the folder; public for tests that drive it without waiting for the poller. */
    public synchronized void scan() {
        try {
            Set<Path> present = new HashSet<>();
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                    for (Path f : files) {
                        present.add(f);
                        consider(f);
                    }
                }
            }
            for (Path gone : new HashSet<>(seen.keySet())) {
                if (!present.contains(gone)) {
                    Seen s = seen.remove(gone);
                    if (!s.key().isEmpty()) {
                        configs.remove(s.key());
                        LOG.info("Bootstrap configuration {} removed: its file {} was deleted", s.key(), gone);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (poller.isShutdown()) {
                LOG.debug("Bootstrap configuration folder {} not read: stopping ({})", folder, e.toString());
                return; // deactivated mid-scan: the storage is closing under us, nothing is wrong
            }
            LOG.warn("Bootstrap configuration folder {} could not be read: {}", folder, e.toString());
        }
    }

    private void consider(Path file) throws IOException {
        String content = Files.readString(file);
        Seen before = seen.get(file);
        if (before != null && before.content().equals(content)) {
            return;
        }
        try {
            StoredConfig stored = configs.put(content);
            seen.put(file, new Seen(content, stored.key()));
            if (before != null && !before.key().isEmpty() && !before.key().equals(stored.key())) {
                configs.remove(before.key()); // the file now names another endpoint
            }
            LOG.info("Bootstrap configuration {} loaded from {}", stored.key(), file);
        } catch (InvalidConfigException e) {
            // keep the key of the previous content: deleting the file still removes what it stored
            seen.put(file, new Seen(content, before == null ? "" : before.key()));
            LOG.warn("Bootstrap configuration file {} refused, the previous configuration stays: {}", file, e.getMessage());
        }
    }
}
