package org.gatehouse.bsserver.storage.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.StorageException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the configured {@link JdbcBootstrapStorage} as the {@link BootstrapStorage} service. It
 * registers the service itself, because its {@link BootstrapStorage#ENGINE} property comes from the
 * configuration. The database is opened on a thread of its own, so that a database that is down or
 * refuses the login costs the framework start nothing; the log says what to fix, and the service
 * reports the same to its callers until the database answers. The same thread prunes the session
 * log by its retention settings, right after opening and then every {@code sessionPruneMinutes}.
 */
@Component(immediate = true, configurationPid = StorageComponent.PID)
@Designate(ocd = StorageComponent.Config.class)
public final class StorageComponent {

    static final String PID = "org.gatehouse.bsserver.storage";

    @ObjectClassDefinition(name = "Gatehouse bootstrap-server storage", description = "Where the bootstrap server keeps configurations, "
        + "credentials, its session log and the claims of several nodes")
    public @interface Config {
        @AttributeDefinition(description = "h2: an embedded database file on this node; postgresql: a database several nodes share",
            options = {@Option(label = "H2 (embedded)", value = "h2"), @Option(label = "PostgreSQL", value = "postgresql")})
        String engine() default "h2";

        @AttributeDefinition(description = "h2: the database file without .mv.db, empty for <gatehouse.data>/bsserver/bsserver; "
            + "postgresql: jdbc:postgresql://<host>:<port>/<database> (required)")
        String url() default "";

        @AttributeDefinition(description = "Database user; empty: sa for h2, the url's user for postgresql")
        String user() default "";

        @AttributeDefinition(description = "Database password; never logged", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "This node's name in claims and the session log, unique among the nodes of one database; "
            + "empty for <host name>:<process id>")
        String node() default "";

        @AttributeDefinition(description = "File with the 32-byte AES key that seals secrets, created when missing; nodes sharing "
            + "a database need copies of one file. Empty for secret.key next to the h2 database, or <gatehouse.data>/bsserver/secret.key")
        String secretKeyFile() default "";

        @AttributeDefinition(description = "Session log: sessions older than this many days are deleted with their events; 0 keeps "
            + "them whatever their age")
        int sessionRetentionDays() default 90;

        @AttributeDefinition(description = "Session log: only the newest this many sessions are kept (all nodes together); 0 keeps "
            + "any number")
        int sessionRetentionCount() default 1_000_000;

        @AttributeDefinition(description = "Session log: minutes between two prunings (each node prunes; the first right after start)")
        int sessionPruneMinutes() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StorageComponent.class);

    private final JdbcBootstrapStorage storage;
    private final ServiceRegistration<BootstrapStorage> registration;
    private final ScheduledExecutorService worker;
    private final Duration retentionAge;
    private final int retentionCount;
    private volatile boolean stopping;

    @Activate
    public StorageComponent(BundleContext context, Config config) {
        try {
            storage = create(config, dataFolder(context));
        } catch (RuntimeException e) {
            LOG.error("Bootstrap-server storage not started: {}", e.getMessage());
            throw e;
        }
        registration = context.registerService(BootstrapStorage.class, storage,
            FrameworkUtil.asDictionary(Map.of(BootstrapStorage.ENGINE, storage.engine())));
        retentionAge = Duration.ofDays(Math.max(0, config.sessionRetentionDays()));
        retentionCount = Math.max(0, config.sessionRetentionCount());
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bsserver-storage");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::open);
        if (retentionAge.isZero() && retentionCount == 0) {
            LOG.info("Bootstrap-server session log kept without limit (sessionRetentionDays and sessionRetentionCount are 0)");
        } else {
            int minutes = Math.max(1, config.sessionPruneMinutes());
            worker.scheduleWithFixedDelay(this::prune, 0, minutes, TimeUnit.MINUTES);
        }
    }

    private void prune() {
        try {
            int deleted = storage.pruneSessions(retentionAge, retentionCount);
            if (deleted > 0) {
                LOG.info("Session log pruned: {} session(s) deleted (retention {} days, {} sessions)", deleted, retentionAge.toDays(),
                    retentionCount);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("Session log not pruned, tried again at the next interval: {}", e.getMessage());
            }
        }
    }

    /** The storage a configuration describes, not yet connected. */
    static JdbcBootstrapStorage create(Config config, Path data) {
        Engine engine = Engine.of(config.engine());
        String node = config.node().isBlank() ? BootstrapStorage.localNodeName() : config.node().trim();
        String url = config.url().trim();
        if (engine == Engine.H2 && url.startsWith("jdbc:h2:file:")) {
            url = url.substring("jdbc:h2:file:".length()).split(";")[0]; // the file is what counts; options are the bundle's
        }
        Path database = url.isEmpty() ? data.resolve("bsserver") : Path.of(url);
        Path keyFile = !config.secretKeyFile().isBlank() ? Path.of(config.secretKeyFile().trim())
            : engine == Engine.H2 ? database.toAbsolutePath().resolveSibling("secret.key") : data.resolve("secret.key");
        if (engine == Engine.H2) {
            return JdbcBootstrapStorage.h2(database, keyFile, config.user(), config.password(), node);
        }
        if (config.url().isBlank()) {
            throw new StorageException("engine postgresql needs a url: set url in " + PID + " to jdbc:postgresql://<host>:<port>/<database>");
        }
        return JdbcBootstrapStorage.postgresql(config.url().trim(), config.user(), config.password(), node, keyFile);
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("gatehouse.data");
        return data != null ? Path.of(data, "bsserver") : context.getDataFile("bsserver").toPath();
    }

    private void open() {
        try {
            storage.open();
        } catch (StorageException e) {
            if (stopping) {
                return; // interrupted by deactivate: nothing went wrong
            }
            LOG.error("Bootstrap-server storage not usable yet, tried again at its next use: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Bootstrap-server storage on {} failed to open", storage.location(), e);
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        registration.unregister();
        worker.shutdownNow();
        storage.close();
    }
}
