package org.gatehouse.launcher;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Lets the console find JLine's terminal providers. JLine looks for them (exec, JNI, FFM, ...) through the
 * thread's context class loader, and on Felix's start-level thread that is the launcher's class path, which
 * does not hold JLine: every provider was missing, so even a real terminal got a dumb one ("Unable to create
 * a system terminal"), without line editing, history or Tab completion. While Gogo's JLine console starts,
 * the start-level thread's context loader also reaches the JLine bundle the console is wired to; the console's
 * own thread, started meanwhile, keeps that loader, which answers as the launcher's did for everything else.
 * Not when a dumb terminal was asked for (bin/gatehouse does on a pipe and on a terminal of no size): JLine
 * would then load its providers, a native library among them, only to choose the dumb terminal after all.
 */
final class ConsoleTerminal implements SynchronousBundleListener {

    static final String CONSOLE = "org.apache.felix.gogo.jline";
    static final String DUMB = "org.jline.terminal.dumb";
    private static final String TERMINAL_PACKAGE = "org.jline.terminal";

    private ClassLoader saved;
    private boolean swapped;

    private ConsoleTerminal() {
    }

    /** Listens for the console's start, unless a dumb terminal was asked for. */
    static void listen(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(DUMB))) {
            context.addBundleListener(new ConsoleTerminal());
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (!CONSOLE.equals(event.getBundle().getSymbolicName())) {
            return;
        }
        // STARTING, then STARTED (or STOPPED when its activator failed), all on the thread that starts it
        if (event.getType() == BundleEvent.STARTING) {
            ClassLoader jline = jlineLoader(event.getBundle().adapt(BundleWiring.class));
            if (jline != null) {
                saved = Thread.currentThread().getContextClassLoader();
                swapped = true;
                Thread.currentThread().setContextClassLoader(new WithJline(saved, jline));
            }
        } else if (swapped && (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED)) {
            swapped = false;
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    /** The class loader of the bundle that gives the console JLine's terminal package, or null. */
    static ClassLoader jlineLoader(BundleWiring console) {
        if (console == null) {
            return null;
        }
        for (BundleWire wire : console.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            if (TERMINAL_PACKAGE.equals(wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                return wire.getProviderWiring().getClassLoader();
            }
        }
        return null;
    }

    /** The launcher's loader first, as before; the JLine bundle for what that one lacks (its provider files, their classes). */
    static final class WithJline extends ClassLoader {
        private final ClassLoader jline;

        WithJline(ClassLoader parent, ClassLoader jline) {
            super(parent);
            this.jline = jline;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            return jline.loadClass(name);
        }

        @Override
        protected URL findResource(String name) {
            return jline.getResource(name);
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return jline.getResources(name);
        }
    }
}
