package org.gatehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * Starts the gateway: Felix with the framework properties of etc/config.properties and the bundles of
 * the features it names. Runs in the foreground until the framework stops ("stop 0" in the shell,
 * or SIGTERM); an update of the framework (a reboot) restarts it in the same process. Exits non-zero
 * with a message when it cannot start.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("gatehouse.home", ".")).toAbsolutePath().normalize();
        try {
            System.exit(run(home));
        } catch (IOException | BundleException | InterruptedException e) {
            System.err.println("gatehouse: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The framework running now, for the shutdown hook; the hook's run means no further start. */
    private static volatile Framework current;
    private static volatile boolean shuttingDown;

    /**
     * Starts the set {@link FirmwareBoot} names and starts again when the framework stops with another
     * set named (a firmware Update, or a fallback). A trial found at process start died: fall back.
     */
    static int run(Path home) throws IOException, BundleException, InterruptedException {
        Map<String, String> props = configuration(home);
        loadLogging(home);
        FirmwareBoot boot = new FirmwareBoot(Path.of(props.get("gatehouse.data")));
        boot.fallBack("did not come up and register before the gateway stopped or crashed");
        boot.beginTrial();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            Framework f = current;
            if (f != null) {
                stop(f);
            }
        }, "gatehouse-shutdown"));
        while (true) {
            Path root = boot.root(home);
            boolean trial = FirmwareBoot.TRYING.equals(boot.state());
            try {
                runOnce(home, root, new HashMap<>(props), trial ? trialMillis(props) : 0, boot);
            } catch (IOException | BundleException | RuntimeException e) {
                if (!trial || shuttingDown) {
                    throw e;
                }
                if (!boot.fallBack("could not start: " + e.getMessage())) {
                    throw e;
                }
                continue;
            }
            if (shuttingDown) {
                return 0;
            }
            boot.beginTrial();
            if (boot.root(home).equals(root)) {
                return 0;
            }
        }
    }

    /** How long a started firmware has to confirm (register with a server): gatehouse.firmware.trial seconds, default 300. */
    private static long trialMillis(Map<String, String> props) {
        return Long.parseLong(props.getOrDefault("gatehouse.firmware.trial", "300")) * 1000;
    }

    /** Runs one framework on {@code root}'s system/ and features/ until it stops; a trial not confirmed in time is stopped. */
    private static void runOnce(Path home, Path root, Map<String, String> props, long trialMillis, FirmwareBoot boot)
            throws IOException, BundleException, InterruptedException {
        long start = System.nanoTime();
        StartupProfile profile = new StartupProfile(props);
        props.put("gatehouse.version", FirmwareBoot.version(root));
        props.put("gatehouse.root", root.toString());
        // etc/config.properties names the first start's features; data/features.properties the set installed since
        List<String> configured = InstalledFeatures.names(props.getOrDefault("gatehouse.features", "core"));
        Path state = Path.of(props.get("gatehouse.data")).resolve("features.properties");
        Path featureDir = root.resolve("features");
        List<String> features = InstalledFeatures.effective(configured, state, n -> Files.exists(featureDir.resolve(n + ".json")));
        Path cache = Path.of(props.get(Constants.FRAMEWORK_STORAGE));
        String featureKey = FeatureJars.key(featureDir, root.resolve("system"), features);
        Optional<List<Path>> keptJars = FeatureJars.load(cache, featureKey);
        List<Path> jars = keptJars.isPresent() ? keptJars.get() : new Features(featureDir, root.resolve("system")).bundles(features);
        String fingerprint = BundleCache.fingerprint(home, root, jars);
        boolean reuse = Boolean.parseBoolean(props.getOrDefault(BundleCache.REUSE, "true")) && BundleCache.reusable(cache, fingerprint);
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, reuse ? "none" : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        profile.mark(keptJars.isPresent() ? "features as kept, checking the bundle cache" : "reading features, checking the bundle cache");
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        profile.listen(framework.getBundleContext());
        ConsoleTerminal.listen(framework.getBundleContext());
        profile.mark(reuse ? "framework init (bundle cache kept)" : "framework init (bundle cache cleaned)");
        current = framework;
        try {
            List<Bundle> installed = install(framework, jars, root.resolve("system"));
            InstalledFeatures.save(state, features, configured);
            profile.mark("installing " + jars.size() + " bundles");
            startBundles(home, framework, installed, profile);
            BundleCache.save(cache, fingerprint);
            FeatureJars.save(cache, featureKey, jars);
        } catch (IOException | BundleException | RuntimeException e) {
            stop(framework);
            throw e;
        }
        // one write: printf flushes each piece, and the logs on stderr could land between them
        System.out.println(String.format("Gatehouse started in %d ms (%s bundle cache): %d bundles, features %s; version %s from %s",
            (System.nanoTime() - start) / 1_000_000, reuse ? "kept" : "new", jars.size(), features, props.get("gatehouse.version"), root));
        profile.print(framework.getBundleContext(), 15);
        Thread collector = StartGarbage.collectLater(props);
        Thread watchdog = trialMillis > 0 ? watchdog(framework, boot, trialMillis) : null;
        while (framework.waitForStop(0).getType() == FrameworkEvent.STOPPED_UPDATE) {
            restart(framework, home);
        }
        for (Thread t : new Thread[] {watchdog, collector}) {
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** Falls back when the trial is still on after {@code millis}: the new firmware did not register in time. */
    private static Thread watchdog(Framework framework, FirmwareBoot boot, long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                if (boot.fallBack("did not register with a server within " + millis / 1000 + " s")) {
                    framework.stop();
                }
            } catch (InterruptedException e) {
                // the framework stopped first
            } catch (IOException | BundleException e) {
                System.err.println("gatehouse: firmware trial watchdog: " + e.getMessage());
            }
        }, "gatehouse-firmware-trial");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<Bundle> install(Framework framework, List<Path> jars, Path system) throws BundleException {
        removeStale(framework, system, jars);
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
        }
        return installed;
    }

    private static void startBundles(Path home, Framework framework, List<Bundle> installed, StartupProfile profile)
            throws IOException, BundleException, InterruptedException {
        framework.start();
        profile.mark("framework start (resolving)");
        // Infrastructure first (start level 1: no org.gatehouse bundles), then the configuration of
        // etc/, then the gateway's own bundles, so that they start configured, and the consoles last:
        // the bootstrap and registration begin while the shell still starts.
        for (Bundle b : installed) {
            int level = startLevel(b.getSymbolicName());
            if (level > 1) {
                b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).setStartLevel(level);
            }
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        profile.mark("starting level 1 (SCR, ConfigAdmin, FileInstall, libraries)");
        List<String> pending = ConfigGate.await(framework.getBundleContext(), home.resolve("etc"), 10_000);
        if (!pending.isEmpty()) {
            System.err.println("gatehouse: configuration not applied within 10 s, starting anyway: " + pending);
        }
        profile.mark("waiting for etc/ configuration");
        setStartLevel(framework, GATEWAY_LEVEL);
        profile.mark("starting level 2 (the gateway's bundles and components)");
        setStartLevel(framework, CONSOLE_LEVEL);
        profile.mark("starting level 3 (the Gogo console, the shell commands, the feature manager)");
    }

    static final int GATEWAY_LEVEL = 2;
    static final int CONSOLE_LEVEL = 3;

    /**
     * 1: libraries and infrastructure; 2: the gateway's bundles; 3: what an operator uses, off the way to
     * registration: the consoles (Gogo, JLine, the shell commands) and the feature manager.
     */
    static int startLevel(String symbolicName) {
        if (symbolicName == null) {
            return 1;
        }
        if (symbolicName.startsWith("org.apache.felix.gogo.") || symbolicName.equals("org.jline") || symbolicName.startsWith("org.gatehouse.shell")
                || symbolicName.equals("org.gatehouse.features")) {
            return CONSOLE_LEVEL;
        }
        return symbolicName.startsWith("org.gatehouse.") ? GATEWAY_LEVEL : 1;
    }

    /**
     * A bundle cache kept across starts (see {@link BundleCache}) holds the bundles already; should it
     * hold one from system/ that no feature of this start lists, it goes, so the installed features
     * alone decide. Installing the others again is a no-op (same location), so nothing is installed twice.
     */
    private static void removeStale(Framework framework, Path system, List<Path> jars) throws BundleException {
        String prefix = system.toUri().toString();
        List<String> wanted = jars.stream().map(j -> j.toUri().toString()).toList();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getLocation().startsWith(prefix) && !wanted.contains(b.getLocation())) {
                b.uninstall();
            }
        }
    }

    /**
     * After an update of the system bundle (/3/0/4 Reboot, or "update 0" in the shell) the framework
     * has stopped every bundle. Felix 7 then starts itself again in place, on a thread of its own,
     * but only up to the beginning start level (1), where no gateway bundle lives; a framework that
     * only stops is started here. Either way the gateway's start level is raised again.
     */
    static void restart(Framework framework, Path home) throws BundleException, IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + RESTART_GRACE_NANOS;
        while ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // Felix's own restart begins right after the stop completes
        }
        // Returns once the framework is ACTIVE: waits for a restart in progress, starts one that did not happen.
        framework.start();
        ConsoleTerminal.listen(framework.getBundleContext()); // the listeners of the framework before are gone
        List<String> pending = ConfigGate.await(framework.getBundleContext(), home.resolve("etc"), 10_000);
        if (!pending.isEmpty()) {
            System.err.println("gatehouse: configuration not applied within 10 s, starting anyway: " + pending);
        }
        setStartLevel(framework, CONSOLE_LEVEL);
        System.out.println("Gatehouse restarted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** How long to wait for the framework to restart itself after an update before starting it here. */
    private static final long RESTART_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private static void setStartLevel(Framework framework, int level) throws InterruptedException {
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        framework.adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class).setStartLevel(level, e -> reached.countDown());
        reached.await();
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** etc/config.properties with ${gatehouse.home} expanded, plus the paths every bundle may ask for. */
    static Map<String, String> configuration(Path home) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/config.properties"))) {
            p.load(in);
        }
        Map<String, String> props = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            props.put(key, p.getProperty(key).replace("${gatehouse.home}", home.toString()));
        }
        props.put("gatehouse.home", home.toString());
        props.putIfAbsent("gatehouse.etc", home.resolve("etc").toString());
        props.putIfAbsent("gatehouse.data", home.resolve("data").toString());
        props.putIfAbsent(Constants.FRAMEWORK_STORAGE, home.resolve("data/cache").toString());
        return props;
    }

    /** etc/logging.properties become system properties: slf4j-simple reads its settings from there. */
    private static void loadLogging(Path home) throws IOException {
        Path file = home.resolve("etc/logging.properties");
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> System.setProperty(k, p.getProperty(k).replace("${gatehouse.home}", home.toString())));
        }
    }
}
