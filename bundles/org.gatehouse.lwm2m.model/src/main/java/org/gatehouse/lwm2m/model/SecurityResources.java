package org.gatehouse.lwm2m.model;

/**
 * Resource ids of the Security object ({@link ObjectIds#SECURITY}).
 *
 * @since 1.2.0
 */
public final class SecurityResources {

    public static final int SERVER_URI = 0;
    public static final int BOOTSTRAP_SERVER = 1;
    /** 0 PSK, 1 RPK, 2 X.509, 3 NoSec, 4 EST. */
    public static final int SECURITY_MODE = 2;
    public static final int PUBLIC_KEY_OR_IDENTITY = 3;
    public static final int SERVER_PUBLIC_KEY = 4;
    public static final int SECRET_KEY = 5;
    public static final int SMS_SECURITY_MODE = 6;
    public static final int SMS_BINDING_KEY_PARAMETERS = 7;
    public static final int SMS_BINDING_SECRET_KEYS = 8;
    public static final int SERVER_SMS_NUMBER = 9;
    public static final int SHORT_SERVER_ID = 10;
    public static final int CLIENT_HOLD_OFF_TIME = 11;
    public static final int BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT = 12;
    public static final int MATCHING_TYPE = 13;
    public static final int SNI = 14;
    public static final int CERTIFICATE_USAGE = 15;
    public static final int DTLS_TLS_CIPHERSUITE = 16;
    /** Object link to the account's OSCORE ({@link ObjectIds#OSCORE}) instance. */
    public static final int OSCORE_SECURITY_MODE = 17;

    private SecurityResources() {
    }
}
