package org.gatehouse.smartcard.pcsc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.smartcard.CardReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * The only code that touches the reader services (STYLE R8): reader name → registration, registered
 * under the component's bundle context, properties updated on card changes, all gone on deactivate.
 */
final class ReaderRegistrations {

    private final BundleContext context;
    private final Map<String, Entry> registrations = new ConcurrentHashMap<>();

    private record Entry(PcscReader reader, ServiceRegistration<CardReader> registration) {
    }

    ReaderRegistrations(BundleContext context) {
        this.context = context;
    }

    synchronized void register(PcscReader reader) {
        registrations.computeIfAbsent(reader.name(), n -> new Entry(reader,
            context.registerService(CardReader.class, reader, FrameworkUtil.asDictionary(reader.properties()))));
    }

    synchronized void changed(PcscReader reader) {
        Entry e = registrations.get(reader.name());
        if (e != null) {
            e.registration().setProperties(FrameworkUtil.asDictionary(reader.properties()));
        }
    }

    synchronized void unregister(String name) {
        Entry e = registrations.remove(name);
        if (e != null) {
            safeUnregister(e.registration());
        }
    }

    synchronized void unregisterAll() {
        for (String name : Set.copyOf(registrations.keySet())) {
            unregister(name);
        }
    }

    Set<String> names() {
        return Set.copyOf(registrations.keySet());
    }

    PcscReader reader(String name) {
        Entry e = registrations.get(name);
        return e == null ? null : e.reader();
    }

    private static void safeUnregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping: the framework unregistered it
        }
    }
}
