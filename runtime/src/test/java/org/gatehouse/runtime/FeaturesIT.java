package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Features installed and removed from the console of the real distribution (bin/gatehouse): a
 * bootstrap mode joins the sequence and stays across restarts until it is uninstalled, which leaves
 * the rest running and stays so across restarts; a feature that cannot be installed whole is refused
 * with its reason and leaves no bundle behind.
 */
class FeaturesIT {

    private static final Duration T = Duration.ofSeconds(60);
    private static final Pattern BUNDLE_ROW = Pattern.compile("^\\s*\\d+\\|(\\w+)\\s*\\|\\s*\\d+\\|(\\S+) \\(", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void a_mode_installed_at_run_time_is_used_and_kept_across_restarts_until_uninstalled() throws Exception {
        Path home = withoutSmartcard(Gateway.install(dir.resolve("gatehouse")));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            assertFalse(modes(gw).contains("smartcard"));
            assertTrue(gw.listing("feature:list", T).matches("(?s).*bootstrap-smartcard\\s+-\\s+Gatehouse smartcard bootstrap.*"));

            String installed = gw.listing("feature:install bootstrap-smartcard", T);
            assertTrue(installed.contains("Feature bootstrap-smartcard installed (3 bundles)"), installed);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> modes(gw).contains("smartcard"));
            // the shell, resolved without the smartcard packages (optional imports), was refreshed to wire them
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250))
                .until(() -> gw.listing("smartcard:status", T).contains("last check:"));
            assertTrue(gw.listing("feature:info bootstrap-smartcard", T).contains("bootstrap-smartcard (org.gatehouse.features:bootstrap-smartcard:"));
            assertEquals(0, gw.stop());
        }
        assertTrue(installed(home).contains("bootstrap-smartcard"), installed(home).toString());

        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> modes(gw).contains("smartcard"));
            // once each, all active: the default distribution's bundles again, though in another order
            List<String[]> rows = bundleRows(gw.listing("lb -s", T));
            List<String> expected = new ArrayList<>(GatewayContents.featureBundles());
            expected.add(GatewayContents.FRAMEWORK);
            GatewayContents.assertExactly("bundles", expected, rows.stream().map(r -> r[1]).toList());
            assertEquals(expected.size(), rows.size(), "each bundle installed once");
            rows.forEach(r -> assertEquals("Active", r[0], r[1]));

            String removed = gw.listing("feature:uninstall bootstrap-smartcard", T);
            assertTrue(removed.contains("Feature bootstrap-smartcard uninstalled."), removed);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> !modes(gw).contains("smartcard"));
            Set<String> left = bundles(gw);
            GatewayContents.BOOTSTRAP_SMARTCARD.forEach(bsn -> assertFalse(left.contains(bsn), bsn + " still installed: " + left));
            assertTrue(modes(gw).containsAll(Set.of("factory", "client")));
            assertTrue(gw.listing("bootstrap:status", T).contains("phase: "));
            bundleRows(gw.listing("lb -s", T)).forEach(r -> assertEquals("Active", r[0], r[1]));
            assertEquals(0, gw.stop());
        }
        assertEquals(List.of("core", "transport", "bsserver-storage", "bsserver", "lwm2m-server", "bootstrap", "bootstrap-factory", "bootstrap-server-push", "bootstrap-client", "software-management", "shell", "shell-ssh"), installed(home));

        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Set<String> after = bundles(gw);
            GatewayContents.BOOTSTRAP_SMARTCARD.forEach(bsn -> assertFalse(after.contains(bsn), bsn + " back after a restart: " + after));
            assertFalse(modes(gw).contains("smartcard"));
            assertTrue(gw.listing("feature:list", T).matches("(?s).*bootstrap-smartcard\\s+-\\s.*"));
            assertEquals(0, gw.stop());
            assertFalse(gw.output().contains("Exception"), gw.output());
        }
    }

    @Test
    void a_feature_that_cannot_be_installed_whole_is_refused_with_its_reason_and_leaves_nothing() throws Exception {
        Path home = withoutSmartcard(Gateway.install(dir.resolve("gatehouse")));
        // the smartcard feature without its reader API: the reader bundle and the mode import it
        String smartcard = Files.readString(home.resolve("features/bootstrap-smartcard.json"));
        Files.writeString(home.resolve("features/half-smartcard.json"), smartcard.replaceAll(".*org\\.gatehouse:org\\.gatehouse\\.smartcard:.*\\R", "")
            .replace(":bootstrap-smartcard:", ":half-smartcard:"));
        Files.writeString(home.resolve("features/ghost.json"), "{ \"id\": \"org.example:ghost:1.0.0\", \"bundles\": [ "
            + "{ \"id\": \"org.gatehouse:org.gatehouse.bootstrap.factory:0.1.0-SNAPSHOT\" }, { \"id\": \"org.example:ghost:1.0.0\" } ] }");
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Set<String> before = bundles(gw);

            String refused = gw.listing("feature:install half-smartcard", T);
            assertTrue(refused.contains("Feature 'half-smartcard' not installed, its bundles do not resolve"), refused);
            assertTrue(refused.contains("org.gatehouse.smartcard.pcsc 0.1.0.SNAPSHOT: missing requirement osgi.wiring.package; "
                + "(&(osgi.wiring.package=org.gatehouse.smartcard)"), refused);
            assertEquals(before, bundles(gw));

            String missing = gw.listing("feature:install ghost", T);
            assertTrue(missing.contains("Feature 'ghost' not installed: bundles missing from") && missing.contains("org.example:ghost:1.0.0"), missing);
            assertEquals(before, bundles(gw));

            String core = gw.listing("feature:uninstall core", T);
            assertTrue(core.contains("holds the feature manager"), core);
            String transport = gw.listing("feature:uninstall transport", T);
            assertTrue(transport.contains("not uninstalled: its bundles are needed by") && transport.contains("(feature bootstrap)"), transport);
            assertEquals(before, bundles(gw));
            String list = gw.listing("feature:list", T);
            assertTrue(list.matches("(?s).*half-smartcard\\s+-\\s.*") && list.matches("(?s).*transport\\s+installed\\s.*"), list);
            assertEquals(0, gw.stop());
        }
        assertEquals(List.of("core", "transport", "bsserver-storage", "bsserver", "lwm2m-server", "bootstrap", "bootstrap-factory", "bootstrap-server-push", "bootstrap-client", "software-management", "shell", "shell-ssh"), installed(home));
    }

    @Test
    void a_feature_configuration_is_applied_on_install_kept_across_restarts_and_deleted_on_uninstall_while_shared_bundles_stay() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        // the client mode's bundle, which the bootstrap-client feature also lists, with a configuration
        String version = Files.readString(home.resolve("features/bootstrap-client.json")).replaceAll("(?s).*org\\.gatehouse\\.bootstrap\\.client:([^\"]+)\".*", "$1");
        Files.writeString(home.resolve("features/client-tuned.json"), "{ \"id\": \"org.example:client-tuned:1.0.0\", \"title\": \"Client mode, tuned\", "
            + "\"bundles\": [ { \"id\": \"org.gatehouse:org.gatehouse.bootstrap.client:" + version + "\" } ], "
            + "\"configurations\": { \"org.gatehouse.bootstrap.client\": { \"attempts:Integer\": 7 } } }");
        String component = "scr:info org.gatehouse.bootstrap.client.ClientInitiatedMode";
        Pattern tuned = Pattern.compile("attempts<Integer> = 7");
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            assertFalse(tuned.matcher(gw.listing(component, T)).find());
            String installed = gw.listing("feature:install client-tuned", T);
            assertTrue(installed.contains("Feature client-tuned installed: 0 bundles added, 1 already there, configurations [org.gatehouse.bootstrap.client]"),
                installed);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> tuned.matcher(gw.listing(component, T)).find());
            assertEquals(0, gw.stop());
        }
        // ConfigAdmin's store is in the bundle cache, cleaned at this start (the installed set changed): the manager applies it again
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> tuned.matcher(gw.listing(component, T)).find());
            String removed = gw.listing("feature:uninstall client-tuned", T);
            assertTrue(removed.contains("Feature client-tuned uninstalled: 0 bundles removed, 1 kept for other features"), removed);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> !tuned.matcher(gw.listing(component, T)).find());
            assertTrue(modes(gw).contains("client"), "the shared bundle stays");
            assertEquals(0, gw.stop());
        }
    }

    private static Path withoutSmartcard(Path home) throws Exception {
        Path config = home.resolve("etc/config.properties");
        String text = Files.readString(config);
        assertTrue(text.contains(",bootstrap-smartcard,"), "the default configuration installs the smartcard feature");
        Files.writeString(config, text.replace(",bootstrap-smartcard,", ","));
        return home;
    }

    /** The installed set saved in data/features.properties. */
    private static List<String> installed(Path home) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("data/features.properties"))) {
            p.load(in);
        }
        return List.of(p.getProperty("installed").split(","));
    }

    /** {state, Bundle-SymbolicName} of each row of {@code lb -s}, duplicates kept. */
    private static List<String[]> bundleRows(String lb) {
        List<String[]> rows = new ArrayList<>();
        Matcher row = BUNDLE_ROW.matcher(lb);
        while (row.find()) {
            rows.add(new String[] {row.group(1), row.group(2)});
        }
        return rows;
    }

    private static Set<String> bundles(Gateway gw) throws Exception {
        Set<String> names = new TreeSet<>();
        bundleRows(gw.listing("lb -s", T)).forEach(r -> names.add(r[1]));
        return names;
    }

    /** The modes bootstrap:modes lists, one per line (a log line printed meanwhile is not a mode). */
    private static Set<String> modes(Gateway gw) throws Exception {
        Set<String> modes = new TreeSet<>();
        for (String line : gw.listing("bootstrap:modes", T).split("\\R")) {
            String l = line.replace("g!", "").trim();
            if (l.matches("[a-z][a-z0-9-]*")) {
                modes.add(l);
            }
        }
        return modes;
    }
}
