package org.gatehouse.runtime;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The bootstrap-server storage in the runtime's Felix with the driver bundles from system/: published
 * on H2 under gatehouse.data without any configuration, and on PostgreSQL (scripts/pg-up.sh) once
 * ConfigAdmin says so, where a retention count set by configuration prunes the session log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BsserverStorageIT {

    private static final String PID = "org.gatehouse.bsserver.storage";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() throws IOException {
        return PaxDistribution.options("gatehouse-bsserver-itest");
    }

    @Test
    public void without_configuration_the_storage_is_h2_in_the_data_folder() throws Exception {
        BootstrapStorage storage = await("h2");
        storage.putConfig("itest-ep", "{\"a\":1}");
        assertEquals("{\"a\":1}", storage.config("itest-ep").orElseThrow().json());
        byte[] key = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        storage.putCredential(new EndpointCredential("itest-ep", EndpointCredential.Kind.PSK, "itest-id", key));
        assertArrayEquals(key, storage.credentialByIdentity(EndpointCredential.Kind.PSK, "itest-id").orElseThrow().secret());
        assertTrue(storage.claim("itest-ep", storage.node(), Duration.ofSeconds(30)));

        Path data = Path.of(context.getProperty("gatehouse.data"), "bsserver");
        assertTrue(Files.exists(data.resolve("bsserver.mv.db")));
        assertEquals(32, Files.size(data.resolve("secret.key")));
        assertEquals(BootstrapStorage.localNodeName(), storage.node());
    }

    @Test
    public void configured_for_postgresql_the_storage_is_postgresql() throws Exception {
        String schema = "itest_" + UUID.randomUUID().toString().replace("-", "");
        Postgresql.execute("CREATE SCHEMA " + schema);
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration(PID, "?");
        try {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("engine", "postgresql");
            properties.put("url", Postgresql.url(schema));
            properties.put("user", "gatehouse");
            properties.put("password", "gatehouse");
            properties.put("node", "itest-node");
            configuration.update(properties);

            BootstrapStorage storage = await("postgresql");
            assertEquals("itest-node", storage.node());
            assertTrue(storage.claim("itest-ep", storage.node(), Duration.ofSeconds(30)));
            assertFalse(storage.claim("itest-ep", "another-node", Duration.ofSeconds(30)));
            long session = storage.sessionStarted("itest-ep", storage.node());
            storage.sessionEvent(session, "WRITE /0/1 2.04");
            assertEquals(List.of("WRITE /0/1 2.04"), storage.sessions(java.util.Optional.of("itest-ep"), 1).get(0).events());

            storage.sessionEnded(session, "success");
            for (int i = 0; i < 2; i++) {
                storage.sessionEnded(storage.sessionStarted("itest-later-" + i, storage.node()), "success");
            }
            // a changed configuration starts the component again, and the first thing it does once open is to prune the log
            properties.put("sessionRetentionCount", 1);
            configuration.update(properties);
            assertEquals(List.of("itest-later-1"), awaitPruned(Duration.ofSeconds(20)));
        } finally {
            configuration.delete();
            await("h2"); // back to the default, for whatever runs next
            Postgresql.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private BootstrapStorage await(String engine) throws Exception {
        ServiceTracker<BootstrapStorage, BootstrapStorage> tracker = new ServiceTracker<>(context,
            context.createFilter("(&(objectClass=" + BootstrapStorage.class.getName() + ")(" + BootstrapStorage.ENGINE + "=" + engine + "))"),
            null);
        tracker.open();
        try {
            BootstrapStorage storage = tracker.waitForService(20_000);
            assertNotNull("no BootstrapStorage with engine " + engine + " within 20 s", storage);
            ServiceReference<BootstrapStorage> reference = tracker.getServiceReference();
            assertEquals("org.gatehouse.bsserver.storage.jdbc", reference.getBundle().getSymbolicName());
            return storage;
        } finally {
            tracker.close();
        }
    }

    /** The endpoints in the session log once pruning left one session, or what was there at the deadline. */
    private List<String> awaitPruned(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> endpoints = List.of();
        while (System.nanoTime() < end) {
            try {
                endpoints = await("postgresql").sessions(java.util.Optional.empty(), 10).stream().map(r -> r.endpoint()).toList();
                if (endpoints.size() == 1) {
                    return endpoints;
                }
            } catch (RuntimeException e) {
                // the storage of the configuration before, closed meanwhile
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll, the deadline bounds it
        }
        return endpoints;
    }
}
