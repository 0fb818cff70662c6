package org.gatehouse.launcher;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Where a start's time goes, printed when the framework property (or system property)
 * gatehouse.startup.profile=true: the launcher's phases from the JVM's start, and each bundle's
 * start, from its STARTING event to the next bundle's (so it includes the activator and the
 * Declarative Services components activated on that thread), with the process's CPU time at the end of
 * each phase (all threads, the JIT and the collector included: steadier than wall time on a busy
 * machine). Off, it costs a timestamp per phase.
 */
final class StartupProfile implements SynchronousBundleListener {

    private final boolean on;
    private final long jvmStartMillis;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final Map<String, Long> cpuAtEnd = new LinkedHashMap<>();
    private final Map<String, Long> starting = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private long last = System.currentTimeMillis();

    StartupProfile(Map<String, String> props) {
        this.on = Boolean.parseBoolean(props.getOrDefault("gatehouse.startup.profile", System.getProperty("gatehouse.startup.profile")));
        // the JVM's own start time; the process's (ProcessHandle) is only as exact as the boot time's whole seconds
        this.jvmStartMillis = on ? ManagementFactory.getRuntimeMXBean().getStartTime() : System.currentTimeMillis();
        mark("JVM start to the launcher's main");
    }

    boolean on() {
        return on;
    }

    /** Ends a phase named {@code name} now. */
    void mark(String name) {
        long now = System.currentTimeMillis();
        phases.merge(name, now - (phases.isEmpty() ? jvmStartMillis : last), Long::sum);
        last = now;
        if (on) {
            cpuAtEnd.put(name, processCpuMillis());
        }
    }

    void listen(BundleContext context) {
        if (on) {
            context.addBundleListener(this);
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTING) {
            String name = event.getBundle().getSymbolicName();
            starting.put(name, System.currentTimeMillis());
            synchronized (order) {
                order.add(name);
            }
        }
    }

    /** Prints the profile (when on): phases, then the slowest bundles and the classes loaded. */
    void print(BundleContext context, int top) {
        if (!on) {
            return;
        }
        context.removeBundleListener(this);
        StringBuilder out = new StringBuilder("Start-up profile, ms from the JVM's start (gatehouse.startup.profile); wall, wall so far, "
            + "process CPU so far:\n");
        long total = 0;
        for (Map.Entry<String, Long> p : phases.entrySet()) {
            total += p.getValue();
            out.append(String.format("  %6d %6d %6d  %s%n", p.getValue(), total, cpuAtEnd.get(p.getKey()), p.getKey()));
        }
        List<long[]> spans = new ArrayList<>();
        List<String> names;
        synchronized (order) {
            names = new ArrayList<>(order);
        }
        names.sort(Comparator.comparing(starting::get));
        for (int i = 0; i < names.size(); i++) {
            long end = i + 1 < names.size() ? starting.get(names.get(i + 1)) : last;
            spans.add(new long[] {i, end - starting.get(names.get(i))});
        }
        spans.sort(Comparator.comparingLong((long[] s) -> s[1]).reversed());
        out.append("  bundle starts (activator and the components activated with it), slowest first:\n");
        for (long[] s : spans.subList(0, Math.min(top, spans.size()))) {
            out.append(String.format("  %6d  %s%n", s[1], names.get((int) s[0])));
        }
        out.append(String.format("  classes loaded: %d%n", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()));
        System.out.print(out);
    }

    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }
}
