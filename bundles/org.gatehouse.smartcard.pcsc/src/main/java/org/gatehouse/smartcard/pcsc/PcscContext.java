package org.gatehouse.smartcard.pcsc;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * The JDK's PC/SC provider establishes one PC/SC context per process, once, and keeps it: after pcscd
 * restarts, every call fails with SCARD_E_NO_SERVICE for the rest of the process. The only way to get
 * readers back without restarting the gateway is to clear that context so that the provider
 * establishes a new one, and to drop its cache of terminals, which hold the old context; this needs {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}
 * on the JVM's command line ({@code bin/gatehouse} passes it). Without it, {@link #renew()} says so and
 * the readers return after a restart of the gateway.
 */
final class PcscContext {

    private static final String TERMINALS = "sun.security.smartcardio.PCSCTerminals";

    private PcscContext() {
    }

    /** Clears the provider's PC/SC context; empty on success, else why it could not. */
    static Optional<String> renew() {
        try {
            Class<?> terminals = Class.forName(TERMINALS, true, ClassLoader.getPlatformClassLoader());
            Field context = terminals.getDeclaredField("contextId");
            Field cache = terminals.getDeclaredField("terminals");
            context.setAccessible(true);
            cache.setAccessible(true);
            synchronized (terminals) { // the provider's initContext() and getTerminal() are static synchronized methods
                context.setLong(null, 0L);
                ((java.util.Map<?, ?>) cache.get(null)).clear();
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
