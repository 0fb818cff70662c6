package org.gatehouse.lwm2m.model;

/**
 * Resource ids of the Server object ({@link ObjectIds#SERVER}).
 *
 * @since 1.2.0
 */
public final class ServerResources {

    public static final int SHORT_SERVER_ID = 0;
    public static final int LIFETIME = 1;
    public static final int DEFAULT_MINIMUM_PERIOD = 2;
    public static final int DEFAULT_MAXIMUM_PERIOD = 3;
    /** Executable. */
    public static final int DISABLE = 4;
    public static final int DISABLE_TIMEOUT = 5;
    public static final int NOTIFICATION_STORING = 6;
    public static final int BINDING = 7;
    /** Executable. */
    public static final int REGISTRATION_UPDATE_TRIGGER = 8;
    /** Executable. */
    public static final int BOOTSTRAP_REQUEST_TRIGGER = 9;
    public static final int APN_LINK = 10;
    public static final int TLS_DTLS_ALERT_CODE = 11;
    public static final int LAST_BOOTSTRAPPED = 12;
    public static final int REGISTRATION_PRIORITY_ORDER = 13;
    public static final int INITIAL_REGISTRATION_DELAY_TIMER = 14;
    public static final int REGISTRATION_FAILURE_BLOCK = 15;
    public static final int BOOTSTRAP_ON_REGISTRATION_FAILURE = 16;
    public static final int COMMUNICATION_RETRY_COUNT = 17;
    public static final int COMMUNICATION_RETRY_TIMER = 18;
    public static final int COMMUNICATION_SEQUENCE_DELAY_TIMER = 19;
    public static final int COMMUNICATION_SEQUENCE_RETRY_COUNT = 20;

    private ServerResources() {
    }
}
