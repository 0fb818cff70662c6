package org.gatehouse.bootstrap;

/**
 * One way of bootstrapping (factory, smartcard, client-initiated, server-initiated), published as a
 * service with the {@value #MODE} property. The coordinator calls it at its place in the sequence
 * ({@value #STEP} and {@code service.ranking}); a mode that learns there is something to apply (a
 * card inserted, a configuration pushed) asks for a run with {@link BootstrapCoordinator#start}.
 * Implemented by the mode bundles.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BootstrapMode {

    /** Service property (String): "smartcard", "factory", "client" or "server". */
    String MODE = "gatehouse.bootstrap.mode";

    /**
     * Service property (Integer): the mode's place in the sequence. Steps below {@link #STEP_REGISTER}
     * run before registration with the configured servers, until one configures the gateway; steps
     * above it run, in order, when registration failed. Modes of the same step run in
     * {@code service.ranking} order, highest first. Absent: the spec's place of the standard names
     * (smartcard, factory, client); any other name runs only when asked for.
     *
     * @since 1.2.0
     */
    String STEP = "gatehouse.bootstrap.step";

    /** @since 1.2.0 */
    int STEP_SMARTCARD = 100;
    /** @since 1.2.0 */
    int STEP_FACTORY = 200;
    /** Where registration with the configured servers happens; not a mode's step. @since 1.2.0 */
    int STEP_REGISTER = 300;
    /** @since 1.2.0 */
    int STEP_CLIENT = 400;
    /** Never run by the sequence, only when asked for ({@link BootstrapCoordinator#start}). @since 1.2.0 */
    int STEP_ON_REQUEST = -1;

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
