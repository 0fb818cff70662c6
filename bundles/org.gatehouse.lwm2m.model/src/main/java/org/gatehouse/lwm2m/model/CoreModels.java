package org.gatehouse.lwm2m.model;

import static org.gatehouse.lwm2m.model.Operations.E;
import static org.gatehouse.lwm2m.model.Operations.NONE;
import static org.gatehouse.lwm2m.model.Operations.R;
import static org.gatehouse.lwm2m.model.Operations.RW;
import static org.gatehouse.lwm2m.model.Operations.W;
import static org.gatehouse.lwm2m.model.ResourceType.BOOLEAN;
import static org.gatehouse.lwm2m.model.ResourceType.INTEGER;
import static org.gatehouse.lwm2m.model.ResourceType.OBJLNK;
import static org.gatehouse.lwm2m.model.ResourceType.OPAQUE;
import static org.gatehouse.lwm2m.model.ResourceType.STRING;
import static org.gatehouse.lwm2m.model.ResourceType.TIME;
import static org.gatehouse.lwm2m.model.ResourceType.UNSIGNED_INTEGER;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded definitions of the core objects 0 Security, 1 Server, 2 Access Control, 3 Device and
 * 4 Connectivity Monitoring, in every object version the gateway speaks, and the update objects
 * 5 Firmware Update (1.0 to 1.2) and 9 Software Management (1.0). Each resource carries the
 * object version that introduced it, so older versions are derived rather than repeated.
 *
 * @since 1.0.0
 */
public final class CoreModels {

    // The same ids as ObjectIds, kept here for the callers of 1.0.0 and 1.1.0.
    public static final int SECURITY = ObjectIds.SECURITY;
    public static final int SERVER = ObjectIds.SERVER;
    public static final int ACCESS_CONTROL = ObjectIds.ACCESS_CONTROL;
    public static final int DEVICE = ObjectIds.DEVICE;
    public static final int CONNECTIVITY_MONITORING = ObjectIds.CONNECTIVITY_MONITORING;
    private static final int FIRMWARE_UPDATE = 5;
    private static final int SOFTWARE_MANAGEMENT = 9;

    private static final boolean S = false;
    private static final boolean M = true;
    private static final boolean OPT = false;
    private static final boolean MAN = true;
    private static final ResourceType EXEC = ResourceType.NONE;

    private static final ModelSet ALL = build();

    private CoreModels() {
    }

    /** Every version of the five core objects. */
    public static ModelSet all() {
        return ALL;
    }

    private static ModelSet build() {
        List<ObjectModel> models = new ArrayList<>();
        for (String v : List.of("1.0", "1.1", "1.2")) {
            models.add(object(SECURITY, "LWM2M Security", v, lwm2m(v, "1.0", "1.1", "1.1"), M, MAN, security(), v));
            models.add(object(SERVER, "LwM2M Server", v, lwm2m(v, "1.0", "1.1", "1.2"), M, MAN, server(), v));
            models.add(object(DEVICE, "Device", v, lwm2m(v, "1.0", "1.1", "1.1"), S, MAN, device(), v));
        }
        for (String v : List.of("1.0", "1.1")) {
            models.add(object(ACCESS_CONTROL, "LwM2M Access Control", v, "1.0", M, OPT, accessControl(), v));
        }
        for (String v : List.of("1.0", "1.1", "1.2", "1.3")) {
            String lwm2m = v.equals("1.0") || v.equals("1.1") ? "1.0" : "1.1";
            models.add(object(CONNECTIVITY_MONITORING, "Connectivity Monitoring", v, lwm2m, S, OPT, connectivity(), v));
        }
        for (String v : List.of("1.0", "1.1", "1.2")) {
            models.add(object(FIRMWARE_UPDATE, "Firmware Update", v, v.equals("1.0") ? "1.0" : "1.1", S, OPT, firmwareUpdate(), v));
        }
        models.add(object(SOFTWARE_MANAGEMENT, "LWM2M Software Management", "1.0", "1.0", M, OPT, softwareManagement(), "1.0"));
        return ModelSet.of(models);
    }

    private static String lwm2m(String objectVersion, String for10, String for11, String for12) {
        return switch (objectVersion) {
            case "1.0" -> for10;
            case "1.1" -> for11;
            default -> for12;
        };
    }

    private static ObjectModel object(int id, String name, String version, String lwm2m, boolean multiple,
            boolean mandatory, List<Res> resources, String upTo) {
        List<ResourceModel> picked = new ArrayList<>();
        for (Res r : resources) {
            if (r.since.compareTo(upTo) <= 0) {
                picked.add(ResourceModel.of(r.id, r.name, r.ops, r.multiple, r.mandatory, r.type));
            }
        }
        String urn = version.equals("1.0") ? "urn:oma:lwm2m:oma:" + id : "urn:oma:lwm2m:oma:" + id + ":" + version;
        return new ObjectModel(id, name, "", version, lwm2m, urn, multiple, mandatory, ObjectModel.index(picked));
    }

    private record Res(int id, String name, Operations ops, boolean multiple, boolean mandatory, ResourceType type, String since) {
    }

    private static Res r(int id, String name, Operations ops, boolean multiple, boolean mandatory, ResourceType type) {
        return new Res(id, name, ops, multiple, mandatory, type, "1.0");
    }

    private static Res r(int id, String name, Operations ops, boolean multiple, boolean mandatory, ResourceType type, String since) {
        return new Res(id, name, ops, multiple, mandatory, type, since);
    }

    // Security resources are reachable only through bootstrap, hence no DM operations.
    private static List<Res> security() {
        return List.of(
            r(0, "LWM2M  Server URI", NONE, S, MAN, STRING),
            r(1, "Bootstrap-Server", NONE, S, MAN, BOOLEAN),
            r(2, "Security Mode", NONE, S, MAN, INTEGER),
            r(3, "Public Key or Identity", NONE, S, MAN, OPAQUE),
            r(4, "Server Public Key", NONE, S, MAN, OPAQUE),
            r(5, "Secret Key", NONE, S, MAN, OPAQUE),
            r(6, "SMS Security Mode", NONE, S, OPT, INTEGER),
            r(7, "SMS Binding Key Parameters", NONE, S, OPT, OPAQUE),
            r(8, "SMS Binding Secret Key(s)", NONE, S, OPT, OPAQUE),
            r(9, "LwM2M Server SMS Number", NONE, S, OPT, STRING),
            r(10, "Short Server ID", NONE, S, OPT, INTEGER),
            r(11, "Client Hold Off Time", NONE, S, OPT, INTEGER),
            r(12, "Bootstrap-Server Account Timeout", NONE, S, OPT, INTEGER),
            r(13, "Matching Type", NONE, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(14, "SNI", NONE, S, OPT, STRING, "1.1"),
            r(15, "Certificate Usage", NONE, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(16, "DTLS/TLS Ciphersuite", NONE, M, OPT, UNSIGNED_INTEGER, "1.1"),
            r(17, "OSCORE Security Mode", NONE, S, OPT, OBJLNK, "1.1"),
            r(18, "Groups To Use by Client", NONE, M, OPT, UNSIGNED_INTEGER, "1.2"),
            r(19, "Signature Algorithms Supported by Server", NONE, M, OPT, UNSIGNED_INTEGER, "1.2"),
            r(20, "Signature Algorithms To Use by Client", NONE, M, OPT, UNSIGNED_INTEGER, "1.2"),
            r(21, "Signature Algorithm Certs Supported by Server", NONE, M, OPT, UNSIGNED_INTEGER, "1.2"),
            r(22, "TLS 1.3 Features To Use by Client", NONE, S, OPT, UNSIGNED_INTEGER, "1.2"),
            r(23, "TLS Extensions Supported by Server", NONE, S, OPT, UNSIGNED_INTEGER, "1.2"),
            r(24, "TLS Extensions To Use by Client", NONE, S, OPT, UNSIGNED_INTEGER, "1.2"),
            r(25, "Secondary LwM2M Server URI", NONE, M, OPT, STRING, "1.2"),
            r(26, "MQTT Server", NONE, S, OPT, OBJLNK, "1.2"),
            r(27, "LwM2M COSE Security", NONE, M, OPT, OBJLNK, "1.2"),
            r(28, "RDS Destination Port", NONE, S, OPT, INTEGER, "1.2"),
            r(29, "RDS Source Port", NONE, S, OPT, INTEGER, "1.2"),
            r(30, "RDS Application ID", NONE, S, OPT, STRING, "1.2"));
    }

    private static List<Res> server() {
        return List.of(
            r(0, "Short Server ID", R, S, MAN, INTEGER),
            r(1, "Lifetime", RW, S, MAN, INTEGER),
            r(2, "Default Minimum Period", RW, S, OPT, INTEGER),
            r(3, "Default Maximum Period", RW, S, OPT, INTEGER),
            r(4, "Disable", E, S, OPT, EXEC),
            r(5, "Disable Timeout", RW, S, OPT, INTEGER),
            r(6, "Notification Storing When Disabled or Offline", RW, S, MAN, BOOLEAN),
            r(7, "Binding", RW, S, MAN, STRING),
            r(8, "Registration Update Trigger", E, S, MAN, EXEC),
            r(9, "Bootstrap-Request Trigger", E, S, OPT, EXEC, "1.1"),
            r(10, "APN Link", RW, S, OPT, OBJLNK, "1.1"),
            r(11, "TLS-DTLS Alert Code", R, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(12, "Last Bootstrapped", R, S, OPT, TIME, "1.1"),
            r(13, "Registration Priority Order", R, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(14, "Initial Registration Delay Timer", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(15, "Registration Failure Block", R, S, OPT, BOOLEAN, "1.1"),
            r(16, "Bootstrap on Registration Failure", R, S, OPT, BOOLEAN, "1.1"),
            r(17, "Communication Retry Count", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(18, "Communication Retry Timer", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(19, "Communication Sequence Delay Timer", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(20, "Communication Sequence Retry Count", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(21, "Trigger", RW, S, OPT, BOOLEAN, "1.1"),
            r(22, "Preferred Transport", RW, S, OPT, STRING, "1.1"),
            r(23, "Mute Send", RW, S, OPT, BOOLEAN, "1.1"),
            r(24, "Alternate APN Links", RW, M, OPT, OBJLNK, "1.2"),
            r(25, "Supported Server Versions", RW, M, OPT, STRING, "1.2"),
            r(26, "Default Notification Mode", RW, S, OPT, INTEGER, "1.2"),
            r(27, "Profile ID Hash Algorithm", RW, S, OPT, UNSIGNED_INTEGER, "1.2"));
    }

    private static List<Res> accessControl() {
        return List.of(
            r(0, "Object ID", R, S, MAN, INTEGER),
            r(1, "Object Instance ID", R, S, MAN, INTEGER),
            r(2, "ACL", RW, M, OPT, INTEGER),
            r(3, "Access Control Owner", RW, S, MAN, INTEGER));
    }

    private static List<Res> device() {
        return List.of(
            r(0, "Manufacturer", R, S, OPT, STRING),
            r(1, "Model Number", R, S, OPT, STRING),
            r(2, "Serial Number", R, S, OPT, STRING),
            r(3, "Firmware Version", R, S, OPT, STRING),
            r(4, "Reboot", E, S, MAN, EXEC),
            r(5, "Factory Reset", E, S, OPT, EXEC),
            r(6, "Available Power Sources", R, M, OPT, INTEGER),
            r(7, "Power Source Voltage", R, M, OPT, INTEGER),
            r(8, "Power Source Current", R, M, OPT, INTEGER),
            r(9, "Battery Level", R, S, OPT, INTEGER),
            r(10, "Memory Free", R, S, OPT, INTEGER),
            r(11, "Error Code", R, M, MAN, INTEGER),
            r(12, "Reset Error Code", E, S, OPT, EXEC),
            r(13, "Current Time", RW, S, OPT, TIME),
            r(14, "UTC Offset", RW, S, OPT, STRING),
            r(15, "Timezone", RW, S, OPT, STRING),
            r(16, "Supported Binding and Modes", R, S, MAN, STRING),
            r(17, "Device Type", R, S, OPT, STRING),
            r(18, "Hardware Version", R, S, OPT, STRING),
            r(19, "Software Version", R, S, OPT, STRING),
            r(20, "Battery Status", R, S, OPT, INTEGER),
            r(21, "Memory Total", R, S, OPT, INTEGER),
            r(22, "ExtDevInfo", R, M, OPT, OBJLNK));
    }

    private static List<Res> connectivity() {
        return List.of(
            r(0, "Network Bearer", R, S, MAN, INTEGER),
            r(1, "Available Network Bearer", R, M, MAN, INTEGER),
            r(2, "Radio Signal Strength", R, S, MAN, INTEGER),
            r(3, "Link Quality", R, S, OPT, INTEGER),
            r(4, "IP Addresses", R, M, MAN, STRING),
            r(5, "Router IP Addresses", R, M, OPT, STRING),
            r(6, "Link Utilization", R, S, OPT, INTEGER),
            r(7, "APN", R, M, OPT, STRING),
            r(8, "Cell ID", R, S, OPT, INTEGER),
            r(9, "SMNC", R, S, OPT, INTEGER),
            r(10, "SMCC", R, S, OPT, INTEGER),
            r(11, "SignalSNR", R, S, OPT, INTEGER, "1.1"),
            r(12, "LAC", R, S, OPT, INTEGER, "1.2"),
            r(13, "Coverage Enhancement Level", R, S, OPT, INTEGER, "1.3"));
    }

    private static List<Res> firmwareUpdate() {
        return List.of(
            r(0, "Package", W, S, MAN, OPAQUE),
            r(1, "Package URI", RW, S, MAN, STRING),
            r(2, "Update", E, S, MAN, EXEC),
            r(3, "State", R, S, MAN, INTEGER),
            r(5, "Update Result", R, S, MAN, INTEGER),
            r(6, "PkgName", R, S, OPT, STRING),
            r(7, "PkgVersion", R, S, OPT, STRING),
            r(8, "Firmware Update Protocol Support", R, M, OPT, INTEGER),
            r(9, "Firmware Update Delivery Method", R, S, MAN, INTEGER),
            r(10, "Cancel", E, S, OPT, EXEC, "1.1"),
            r(11, "Severity", RW, S, OPT, INTEGER, "1.1"),
            r(12, "Last State Change Time", R, S, OPT, TIME, "1.1"),
            r(13, "Maximum Defer Period", RW, S, OPT, UNSIGNED_INTEGER, "1.1"),
            r(14, "Automatic Upgrade at Download", RW, S, OPT, BOOLEAN, "1.2"));
    }

    private static List<Res> softwareManagement() {
        return List.of(
            r(0, "PkgName", R, S, MAN, STRING),
            r(1, "PkgVersion", R, S, MAN, STRING),
            r(2, "Package", W, S, OPT, OPAQUE),
            r(3, "Package URI", W, S, OPT, STRING),
            r(4, "Install", E, S, MAN, EXEC),
            r(5, "Checkpoint", R, S, OPT, OBJLNK),
            r(6, "Uninstall", E, S, MAN, EXEC),
            r(7, "Update State", R, S, MAN, INTEGER),
            r(8, "Update Supported Objects", RW, S, OPT, BOOLEAN),
            r(9, "Update Result", R, S, MAN, INTEGER),
            r(10, "Activate", E, S, MAN, EXEC),
            r(11, "Deactivate", E, S, MAN, EXEC),
            r(12, "Activation State", R, S, MAN, BOOLEAN),
            r(13, "Package Settings", RW, S, OPT, OBJLNK),
            r(14, "User Name", W, S, OPT, STRING),
            r(15, "Password", W, S, OPT, STRING),
            r(16, "Status Reason", R, S, OPT, STRING),
            r(17, "Software Component Link", R, M, OPT, OBJLNK),
            r(18, "Software Component tree length", R, S, OPT, INTEGER));
    }
}
