package org.gatehouse.lwm2m.client;

import java.util.Optional;

/**
 * Asked before every Register and Update: a mode whose configuration may have gone stale (the
 * smartcard mode: is the card still the same?) vetoes the operation, and the registration side then
 * sends nothing to that server and runs the bootstrap sequence again, so that the mode applies what
 * changed. Published as a service by mode bundles (a whiteboard); the registration bundle calls it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface RegistrationGuard {

    /** What is about to be sent. */
    enum Operation { REGISTER, UPDATE }

    /**
     * @return empty to go on, or the reason for the veto (logged and shown as the server's last error).
     *         Runs on the registration thread before each request: keep it quick.
     */
    Optional<String> veto(int ssid, Operation operation);
}
