package org.gatehouse.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Lets the console find JLine's terminal providers. JLine looks for them (exec, JNI, FFM, ...) through the
 * thread's context class loader, and on Felix's start-level thread that is the launcher's class path, which
 * does not hold JLine: every provider was missing, so even a real terminal got a dumb one ("Unable to create
 * a system terminal"), without line editing, history or Tab completion. While Gogo's JLine console starts,
 * its start-level thread gets the class loader of the JLine bundle instead. Not when a dumb terminal was asked for
 * (bin/gatehouse does when stdin is not a terminal): JLine would then load its providers, a native library among
 * them, only to choose the dumb terminal after all.
 */
final class ConsoleTerminal implements SynchronousBundleListener {

    static final String CONSOLE = "org.apache.felix.gogo.jline";
    static final String JLINE = "org.jline";
    static final String DUMB = "org.jline.terminal.dumb";

    private final BundleContext context;
    private ClassLoader saved;
    private boolean swapped;

    private ConsoleTerminal(BundleContext context) {
        this.context = context;
    }

    /** Listens for the console's start, unless a dumb terminal was asked for; returns the listener or null. */
    static ConsoleTerminal listen(BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty(DUMB))) {
            return null;
        }
        ConsoleTerminal listener = new ConsoleTerminal(context);
        context.addBundleListener(listener);
        return listener;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (!CONSOLE.equals(event.getBundle().getSymbolicName())) {
            return;
        }
        // STARTING and STARTED (or STOPPED, when its activator failed) come on the thread that starts it
        if (event.getType() == BundleEvent.STARTING) {
            ClassLoader jline = jlineLoader();
            if (jline != null) {
                saved = Thread.currentThread().getContextClassLoader();
                swapped = true;
                Thread.currentThread().setContextClassLoader(jline);
            }
        } else if (swapped && (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED)) {
            swapped = false;
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    private ClassLoader jlineLoader() {
        for (Bundle b : context.getBundles()) {
            BundleWiring wiring = JLINE.equals(b.getSymbolicName()) ? b.adapt(BundleWiring.class) : null;
            if (wiring != null) {
                return wiring.getClassLoader();
            }
        }
        return null;
    }
}
