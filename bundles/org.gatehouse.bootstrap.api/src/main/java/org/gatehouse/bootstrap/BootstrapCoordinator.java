package org.gatehouse.bootstrap;

import java.util.List;
import java.util.Optional;

/**
 * Runs the bootstrap sequence over the modes present and tells where it stands. Implemented by the
 * bootstrap bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapCoordinator {

    /** Where the sequence is now. */
    enum Phase { IDLE, SMARTCARD, FACTORY, REGISTERING, CLIENT_INITIATED, SERVER_INITIATED, REGISTERED, WAITING_RETRY, FAILED }

    /** One mode's run. */
    record Attempt(java.time.Instant at, String mode, ModeOutcome outcome, long millis) {
    }

    Phase phase();

    /** The most recent attempts, newest first. */
    List<Attempt> history();

    Optional<Attempt> last();

    /** The modes present, by name. */
    List<String> modes();

    /**
     * Starts the sequence again (cancelling a run in progress); with a mode name, runs only the modes
     * of that name and then registers. Modes call it too when they have something to apply. While the
     * sequence is before registration or a bootstrap session is open, the run waits until it ends.
     */
    void start(Optional<String> mode);

    /** Called by the registration side when every server refused or could not be reached. */
    void registrationFailed(String detail);
}
