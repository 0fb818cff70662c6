package org.gatehouse.bootstrap;

import java.util.Objects;

/**
 * What a mode achieved.
 *
 * @param server the bootstrap server or source used, for status lines ("" when none)
 * @since 1.0.0
 */
public record ModeOutcome(Result result, String detail, String server) {

    /** CONFIGURED: committed a consistent configuration; SKIPPED: nothing to do; FAILED: tried and failed. */
    public enum Result { CONFIGURED, SKIPPED, FAILED }

    public ModeOutcome {
        Objects.requireNonNull(result);
        detail = detail == null ? "" : detail;
        server = server == null ? "" : server;
    }

    public static ModeOutcome configured(String detail, String server) {
        return new ModeOutcome(Result.CONFIGURED, detail, server);
    }

    public static ModeOutcome skipped(String why) {
        return new ModeOutcome(Result.SKIPPED, why, "");
    }

    public static ModeOutcome failed(String why, String server) {
        return new ModeOutcome(Result.FAILED, why, server);
    }
}
