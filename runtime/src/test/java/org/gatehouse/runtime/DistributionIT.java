package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled distribution, copied elsewhere and started with bin/gatehouse exactly as a user would
 * (real Felix, real slf4j, no test harness inside): every bundle active, every component satisfied,
 * the shell commands answer, configuration from etc/ applies, state in data/ survives a restart.
 */
class DistributionIT {

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void relocated_distribution_starts_with_all_bundles_active_and_components_satisfied() throws Exception {
        Path home = Gateway.install(dir.resolve("somewhere else/gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            String bundles = gw.command("lb", "Gatehouse shell commands", T);
            Matcher rows = Pattern.compile("^\\s*\\d+\\|(\\w+)\\s*\\|", Pattern.MULTILINE).matcher(bundles);
            int count = 0;
            while (rows.find()) {
                assertEquals("Active", rows.group(1), bundles);
                count++;
            }
            assertTrue(count >= 34, "expected the core and shell bundles, listed " + count + ":\n" + bundles);
            String components = gw.command("scr:list", "Lwm2mCommands", T);
            assertFalse(components.contains("UNSATISFIED") || components.contains("FAILED"), components);
            String objects = gw.command("lwm2m:objects", "g!", T);
            assertTrue(objects.contains("/3") && objects.contains("Device") && objects.contains("instances: 0"), objects);
            assertTrue(gw.command("lwm2m:read /0/x", "g!", T).contains("Invalid path"));
            assertTrue(gw.command("lwm2m:models", "Connectivity Monitoring", T).contains("LWM2M Security"));
            assertEquals(0, gw.stop());
            assertFalse(gw.output().contains("Exception"), gw.output());
        }
    }

    @Test
    void an_update_of_the_framework_restarts_it_in_the_same_process_with_every_bundle_active() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            String before = bundleStates(gw.command("lb", "Gatehouse shell commands", T));

            gw.command("update 0", "Gatehouse restarted in", T); // what /3/0/4 Reboot does
            // The stopped console's reader is still blocked on stdin and takes one more byte with it.
            gw.type("");

            String after = bundleStates(gw.command("lb", "Gatehouse shell commands", T));
            assertEquals(before, after);
            assertFalse(after.contains("Resolved") || after.contains("Installed"), after);
            String components = gw.command("scr:list", "Lwm2mCommands", T);
            assertFalse(components.contains("UNSATISFIED") || components.contains("FAILED"), components);
            assertTrue(gw.command("lwm2m:objects", "g!", T).contains("Device"));
            assertEquals(0, gw.stop());
            assertFalse(gw.output().contains("Exception"), gw.output());
        }
    }

    /** "state name" per bundle row of lb, in order. */
    private static String bundleStates(String lb) {
        Matcher rows = Pattern.compile("^\\s*\\d+\\|(\\w+)\\s*\\|\\s*\\d+\\|(.*)$", Pattern.MULTILINE).matcher(lb);
        StringBuilder out = new StringBuilder();
        while (rows.find()) {
            out.append(rows.group(1)).append(' ').append(rows.group(2).trim()).append('\n');
        }
        assertTrue(out.length() > 0, lb);
        return out.toString();
    }

    @Test
    void bundles_come_and_go_through_deploy_and_models_through_etc_models() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            // any bundle will do: the converter bundle of the launcher's class path is one
            Path jar;
            try (var libs = Files.list(home.resolve("lib"))) {
                jar = libs.filter(p -> p.getFileName().toString().startsWith("org.osgi.util.converter")).findFirst().orElseThrow();
            }
            drop(jar, home.resolve("deploy/converter.jar"));
            waitFor(gw, "lb", "org.osgi.util.converter", true);
            assertTrue(gw.command("lb", "g!", T).matches("(?s).*Active\\s*\\|\\s*1\\|org.osgi:org.osgi.util.converter.*"));
            Files.delete(home.resolve("deploy/converter.jar"));
            waitFor(gw, "lb", "org.osgi.util.converter", false);

            Files.writeString(home.resolve("etc/models/33000.xml"), "<LWM2M><Object><Name>Thermostat</Name><ObjectID>33000</ObjectID>"
                + "<MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Resources><Item ID=\"1\"><Name>Setpoint</Name>"
                + "<Operations>RW</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>Float</Type>"
                + "</Item></Resources></Object></LWM2M>");
            Files.writeString(home.resolve("etc/models/broken.xml"), "<LWM2M><Object>");
            waitFor(gw, "lwm2m:models", "Thermostat", true);
            assertTrue(gw.command("lwm2m:models", "g!", T).contains("NOT LOADED: " + home.resolve("etc/models/broken.xml")));
            gw.stop();
        }
    }

    @Test
    void a_bootstrap_mode_dropped_into_deploy_joins_and_leaves_at_run_time() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        Path config = home.resolve("etc/config.properties");
        Files.writeString(config, Files.readString(config).replace(",bootstrap-client,", ","));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            assertFalse(gw.command("bootstrap:modes", "g!", T).contains("client"));
            Path jar;
            try (var jars = Files.walk(home.resolve("system"))) {
                jar = jars.filter(p -> p.getFileName().toString().startsWith("org.gatehouse.bootstrap.client-")).findFirst().orElseThrow();
            }
            drop(jar, home.resolve("deploy/bootstrap-client.jar"));
            waitFor(gw, "bootstrap:modes", "client", true);
            Files.delete(home.resolve("deploy/bootstrap-client.jar"));
            waitFor(gw, "bootstrap:modes", "client", false);
            gw.stop();
        }
    }

    /** Copies next to the target, then renames: the hot folder never sees a half-written jar. */
    private static void drop(Path jar, Path target) throws java.io.IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(jar, temp);
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitFor(Gateway gw, String command, String text, boolean present) throws Exception {
        try {
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> gw.command(command, "g!", T).contains(text) == present);
            return;
        } catch (ConditionTimeoutException e) {
            // reported below with the bundles' states
        }
        String bundles = gw.command("lb", "g!", T); // for the diagnosis: was the bundle installed, resolved, started?
        throw new AssertionError("'" + text + "' " + (present ? "never appeared" : "never went away") + " in " + command + "; bundles:\n"
            + bundles + "\noutput:\n" + gw.output());
    }

    @Test
    void endpoint_name_is_generated_once_then_configured_from_etc() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        String generated;
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            generated = gw.command("lwm2m:endpoint", "(generated", T);
            gw.stop();
        }
        Matcher m = Pattern.compile("urn:uuid:[0-9a-f-]{36}").matcher(generated);
        assertTrue(m.find(), generated);
        String name = m.group();
        assertEquals(name, Files.readString(home.resolve("data/endpoint-name")).trim());
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            assertTrue(gw.command("lwm2m:endpoint", name, T).contains(name), "same name after restart");
            Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=urn:imei:490154203237518\n");
            waitFor(gw, "lwm2m:endpoint", "urn:imei:490154203237518", true); // FileInstall applies the edit without a restart
            gw.stop();
        }
    }
}
