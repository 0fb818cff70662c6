package org.gatehouse.bootstrap.impl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.gatehouse.bootstrap.BootstrapCoordinator.Attempt;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.client.Registrar;
import org.gatehouse.bootstrap.impl.SequenceContext.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the spec's bootstrap sequence over the modes present, in the order of their step and
 * ranking: the modes before registration (smartcard, factory) until one configures the gateway, then
 * registration with the configured servers, then the modes after registration (client-initiated) when
 * no server is configured, or none registered and a failed one has /1/x/16 = true. Returns true when the gateway ends registered or
 * the registrar goes on retrying servers that may not cause a bootstrap.
 */
final class Sequence {

    private static final Logger LOG = LoggerFactory.getLogger(Sequence.class);

    private final List<ModeEntry> modes;
    private final Optional<Registrar> registrar;
    private final Factory contexts;
    private final Consumer<Phase> phase;
    private final Consumer<Attempt> history;

    /** @param modes in sequence order ({@link ModeEntry#ORDER}) */
    Sequence(List<ModeEntry> modes, Optional<Registrar> registrar, Factory contexts, Consumer<Phase> phase,
            Consumer<Attempt> history) {
        this.modes = modes;
        this.registrar = registrar;
        this.contexts = contexts;
        this.phase = phase;
        this.history = history;
    }

    boolean run(Optional<String> only, BooleanSupplier cancelled) throws InterruptedException {
        if (only.isPresent()) {
            for (ModeEntry e : modes.stream().filter(e -> e.name().equals(only.get())).toList()) {
                ModeOutcome o = attempt(e, cancelled);
                if (o != null && o.result() == ModeOutcome.Result.CONFIGURED) {
                    return register();
                }
            }
            return false;
        }
        // Before registration (smartcard, factory, ...): the first mode that configures the gateway ends this part.
        for (ModeEntry e : modes.stream().filter(ModeEntry::beforeRegistration).toList()) {
            ModeOutcome o = attempt(e, cancelled);
            if (o != null && o.result() == ModeOutcome.Result.CONFIGURED) {
                break;
            }
        }
        if (cancelled.getAsBoolean()) {
            return false;
        }
        if (register()) {
            return true;
        }
        // After a failed registration (client-initiated, ...): each in turn until one leads to a registration.
        for (ModeEntry e : modes.stream().filter(ModeEntry::afterRegistration).toList()) {
            ModeOutcome o = attempt(e, cancelled);
            if (o != null && o.result() == ModeOutcome.Result.CONFIGURED && register()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Registers with the configured servers. True when a server registered, and also when every
     * server that failed has /1/x/16 Bootstrap on Registration Failure = false: such a server never
     * causes a bootstrap, and the registrar keeps trying it under its retry resources, so the sequence
     * has nothing more to do. False (fall back to client-initiated bootstrap) when there is no server
     * or no server registered and at least one failed server allows bootstrap.
     */
    private boolean register() throws InterruptedException {
        if (registrar.isEmpty()) {
            LOG.info("No registration service present: bootstrap ends here");
            return false;
        }
        phase.accept(Phase.REGISTERING);
        Registrar.Outcome outcome = registrar.get().registerAll();
        if (outcome.registered() > 0) {
            phase.accept(Phase.REGISTERED);
            return true;
        }
        if (outcome.bootstrapOnFailure()) {
            LOG.info("Registration failed ({}); falling back to client-initiated bootstrap", outcome.detail());
            return false;
        }
        LOG.info("Registration failed ({}); bootstrap on registration failure is disabled for the failed servers, "
            + "which are tried again under their retry resources", outcome.detail());
        return true; // phase stays REGISTERING: the registrar goes on
    }

    private ModeOutcome attempt(ModeEntry entry, BooleanSupplier cancelled) throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            return null;
        }
        String name = entry.name();
        phase.accept(entry.phase());
        long start = System.nanoTime();
        ModeOutcome outcome;
        try {
            outcome = entry.mode().run(contexts.create(entry, cancelled));
        } catch (RuntimeException e) {
            LOG.error("Bootstrap mode {} failed", name, e);
            outcome = ModeOutcome.failed(e.toString(), "");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        history.accept(new Attempt(Instant.now(), name, outcome, millis));
        LOG.info("Bootstrap mode {}: {}{} ({} ms)", name, outcome.result(), outcome.detail().isEmpty() ? "" : " - " + outcome.detail(), millis);
        return outcome;
    }
}
