package org.gatehouse.bootstrap;

/**
 * One way of bootstrapping (factory, smartcard, client-initiated, server-initiated), published as a
 * service with the {@value #MODE} property. The coordinator calls it at its place in the sequence.
 * Implemented by the mode bundles.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BootstrapMode {

    /** Service property (String): "smartcard", "factory", "client" or "server". */
    String MODE = "gatehouse.bootstrap.mode";

    String SMARTCARD = "smartcard";
    String FACTORY = "factory";
    String CLIENT = "client";
    String SERVER = "server";

    /**
     * Tries to bootstrap, writing through sessions opened from {@code context}. Must return promptly
     * once {@link BootstrapContext#cancelled()} turns true.
     */
    ModeOutcome run(BootstrapContext context) throws InterruptedException;
}
