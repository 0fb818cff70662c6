package org.gatehouse.lwm2m.model;

/**
 * The ids of the objects the gateway itself knows about, as the OMA registry numbers them. Resource
 * ids are in one class per object: {@link SecurityResources}, {@link ServerResources},
 * {@link AccessControlResources}, {@link DeviceResources}, {@link OscoreResources}.
 *
 * @since 1.2.0
 */
public final class ObjectIds {

    /** LwM2M Security: server URIs and credentials, reachable only through bootstrap. */
    public static final int SECURITY = 0;
    /** LwM2M Server: registration settings and the executable Disable, Update and Bootstrap triggers. */
    public static final int SERVER = 1;
    /** LwM2M Access Control: per-server rights on object instances. */
    public static final int ACCESS_CONTROL = 2;
    /** Device: what the gateway says about itself, and Reboot. */
    public static final int DEVICE = 3;
    /** Connectivity Monitoring. */
    public static final int CONNECTIVITY_MONITORING = 4;
    /** LwM2M OSCORE: keying material, reachable only through bootstrap, like Security. */
    public static final int OSCORE = 21;

    private ObjectIds() {
    }
}
