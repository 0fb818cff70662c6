package org.gatehouse.bsserver.storage;

/**
 * Whom an endpoint credential is for. An endpoint has at most one credential per role, and an
 * identity belongs to one endpoint per role and kind; the roles are kept apart, so a device may
 * use one key toward the bootstrap server and another toward the LwM2M server.
 *
 * @since 1.1.0
 */
public enum CredentialRole {
    /** How the endpoint authenticates to the bootstrap server (the credential of its configuration). */
    BOOTSTRAP_SERVER,
    /** How the endpoint authenticates to the gateway's own LwM2M server when it registers there. */
    LWM2M_SERVER
}
