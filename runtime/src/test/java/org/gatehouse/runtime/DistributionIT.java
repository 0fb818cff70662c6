package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private static final Pattern BUNDLE_ROW = Pattern.compile("^\\s*\\d+\\|(\\w+)\\s*\\|\\s*\\d+\\|(\\S+) \\(", Pattern.MULTILINE);
    private static final Pattern COMPONENT_ROW = Pattern.compile("^(?:g! )?(\\S+) in bundle \\d+ ");
    private static final Pattern INSTANCE_ROW = Pattern.compile("^\\s+Id: \\d+, State:(\\w+)");

    @TempDir
    Path dir;

    @Test
    void relocated_distribution_starts_with_all_bundles_active_and_components_satisfied() throws Exception {
        Path home = Gateway.install(dir.resolve("somewhere else/gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Map<String, String> bundles = bundleStates(gw.listing("lb -s", T));
            List<String> expected = new ArrayList<>(GatewayContents.featureBundles());
            expected.add(GatewayContents.FRAMEWORK);
            GatewayContents.assertExactly("bundles", expected, bundles.keySet());
            bundles.forEach((bsn, state) -> assertEquals("Active", state, bsn));
            Map<String, List<String>> components = componentStates(gw.listing("scr:list", T));
            GatewayContents.assertExactly("components", GatewayContents.COMPONENTS, components.keySet());
            components.remove(GatewayContents.LWM2M_SERVER_CREDENTIALS); // one configuration per device: none here
            components.forEach((name, states) -> assertTrue(!states.isEmpty()
                && states.stream().allMatch(st -> st.equals("ACTIVE") || st.equals("SATISFIED")), name + " is " + states));
            String objects = gw.command("lwm2m:objects", "g!", T);
            assertTrue(objects.contains("/3") && objects.contains("Device") && objects.contains("instances: 0"), objects);
            assertTrue(gw.command("lwm2m:read /0/x", "g!", T).contains("Invalid path"));
            assertTrue(gw.command("lwm2m:models", "Connectivity Monitoring", T).contains("LWM2M Security"));
            assertEquals(0, gw.stop());
            assertFalse(gw.hasUnexpectedException(), gw.output());
        }
    }

    @Test
    void an_update_of_the_framework_restarts_it_in_the_same_process_with_every_bundle_active() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            Map<String, String> before = bundleStates(gw.listing("lb -s", T));

            gw.command("update 0", "Gatehouse restarted in", T); // what /3/0/4 Reboot does
            // The stopped console's reader is still blocked on stdin and takes one more byte with it.
            gw.type("");

            Map<String, String> after = bundleStates(gw.listing("lb -s", T));
            assertEquals(before, after);
            assertFalse(after.containsValue("Resolved") || after.containsValue("Installed"), after.toString());
            String components = gw.command("scr:list", "Lwm2mCommands", T);
            assertFalse(components.contains("UNSATISFIED") || components.contains("FAILED"), components);
            assertTrue(gw.command("lwm2m:objects", "g!", T).contains("Device"));
            assertEquals(0, gw.stop());
            assertFalse(gw.hasUnexpectedException(), gw.output());
        }
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
            // FileInstall installs, then starts: wait for the started bundle, not only the installed one
            waitFor(gw, "lb", "org.osgi.util.converter", true);
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250))
                .until(() -> gw.command("lb", "g!", T).matches("(?s).*Active\\s*\\|\\s*1\\|org.osgi:org.osgi.util.converter.*"));
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
            assertFalse(modes(gw).contains("client"));
            Path jar;
            try (var jars = Files.walk(home.resolve("system"))) {
                jar = jars.filter(p -> p.getFileName().toString().startsWith("org.gatehouse.bootstrap.client-")).findFirst().orElseThrow();
            }
            drop(jar, home.resolve("deploy/bootstrap-client.jar"));
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> modes(gw).contains("client"));
            Files.delete(home.resolve("deploy/bootstrap-client.jar"));
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> !modes(gw).contains("client"));
            gw.stop();
        }
    }

    /** Bundle-SymbolicName to state, from the rows of {@code lb -s}: {@code "   12|Active     |    1|name (version)|version"}. */
    private static Map<String, String> bundleStates(String lb) {
        Map<String, String> states = new TreeMap<>();
        Matcher row = BUNDLE_ROW.matcher(lb);
        while (row.find()) {
            states.put(row.group(2), row.group(1));
        }
        return states;
    }

    /**
     * Component name to the states of its configurations, from {@code scr:list}: a line
     * {@code "name in bundle 15 (bsn:version) enabled, 1 instance."} followed by {@code "    Id: 0, State:ACTIVE"} lines.
     */
    private static Map<String, List<String>> componentStates(String list) {
        Map<String, List<String>> states = new TreeMap<>();
        List<String> current = null;
        for (String line : list.split("\\R")) {
            Matcher component = COMPONENT_ROW.matcher(line);
            Matcher instance = INSTANCE_ROW.matcher(line);
            if (component.find()) {
                current = states.computeIfAbsent(component.group(1), k -> new ArrayList<>());
            } else if (instance.find() && current != null) {
                current.add(instance.group(1));
            }
        }
        return states;
    }

    /** Copies next to the target, then renames: the hot folder never sees a half-written jar. */
    private static void drop(Path jar, Path target) throws java.io.IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(jar, temp);
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The modes bootstrap:modes lists, one per line of its own output: a log line of the sequence that
     * happens to print meanwhile ("falling back to client-initiated bootstrap") is not a mode.
     */
    private static java.util.Set<String> modes(Gateway gw) throws Exception {
        String out = gw.listing("bootstrap:modes", T);
        java.util.Set<String> modes = new java.util.TreeSet<>();
        for (String line : out.split("\\R")) {
            String l = line.replace("g!", "").trim();
            if (l.matches("[a-z][a-z0-9-]*")) {
                modes.add(l);
            }
        }
        return modes;
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
