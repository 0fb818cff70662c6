package org.gatehouse.lwm2m.model;

/**
 * Resource ids of the OSCORE object ({@link ObjectIds#OSCORE}).
 *
 * @since 1.2.0
 */
public final class OscoreResources {

    public static final int MASTER_SECRET = 0;
    public static final int SENDER_ID = 1;
    public static final int RECIPIENT_ID = 2;
    public static final int AEAD_ALGORITHM = 3;
    public static final int HMAC_ALGORITHM = 4;
    public static final int MASTER_SALT = 5;
    public static final int ID_CONTEXT = 6;

    private OscoreResources() {
    }
}
