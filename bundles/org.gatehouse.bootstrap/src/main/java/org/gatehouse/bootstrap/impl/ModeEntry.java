package org.gatehouse.bootstrap.impl;

import java.util.Comparator;
import java.util.Map;

import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.osgi.framework.Constants;

/**
 * A mode service with its place in the sequence, read from its service properties: step (default:
 * the spec's place of the standard mode names), then service ranking, highest first.
 */
record ModeEntry(String name, BootstrapMode mode, int step, int ranking, long serviceId) {

    /** Sequence order: step ascending, then ranking descending, then the older service first. */
    static final Comparator<ModeEntry> ORDER = Comparator.comparingInt(ModeEntry::step)
        .thenComparing(Comparator.comparingInt(ModeEntry::ranking).reversed()).thenComparingLong(ModeEntry::serviceId);

    static ModeEntry of(BootstrapMode mode, Map<String, Object> props, long fallbackId) {
        String name = String.valueOf(props.get(BootstrapMode.MODE));
        int step = props.get(BootstrapMode.STEP) instanceof Number n ? n.intValue() : defaultStep(name);
        int ranking = props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        long id = props.get(Constants.SERVICE_ID) instanceof Long l ? l : fallbackId;
        return new ModeEntry(name, mode, step, ranking, id);
    }

    static int defaultStep(String name) {
        return switch (name) {
            case BootstrapMode.SMARTCARD -> BootstrapMode.STEP_SMARTCARD;
            case BootstrapMode.FACTORY -> BootstrapMode.STEP_FACTORY;
            case BootstrapMode.CLIENT -> BootstrapMode.STEP_CLIENT;
            default -> BootstrapMode.STEP_ON_REQUEST;
        };
    }

    /** Runs before registration with the configured servers. */
    boolean beforeRegistration() {
        return step >= 0 && step < BootstrapMode.STEP_REGISTER;
    }

    /** Runs when registration failed (or there was no server to register with). */
    boolean afterRegistration() {
        return step > BootstrapMode.STEP_REGISTER;
    }

    /** The phase shown while it runs; steps before registration count as the smartcard/factory part. */
    Phase phase() {
        return switch (name) {
            case BootstrapMode.SMARTCARD -> Phase.SMARTCARD;
            case BootstrapMode.SERVER -> Phase.SERVER_INITIATED;
            default -> step < BootstrapMode.STEP_FACTORY && step >= 0 ? Phase.SMARTCARD
                : beforeRegistration() ? Phase.FACTORY : Phase.CLIENT_INITIATED;
        };
    }

    @Override
    public String toString() {
        return name + " (step " + step + ", ranking " + ranking + ")";
    }
}
