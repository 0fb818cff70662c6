package org.gatehouse.lwm2m.model;

/**
 * Resource ids of the Device object ({@link ObjectIds#DEVICE}).
 *
 * @since 1.2.0
 */
public final class DeviceResources {

    public static final int MANUFACTURER = 0;
    public static final int MODEL_NUMBER = 1;
    public static final int SERIAL_NUMBER = 2;
    public static final int FIRMWARE_VERSION = 3;
    /** Executable. */
    public static final int REBOOT = 4;
    /** Executable. */
    public static final int FACTORY_RESET = 5;
    public static final int AVAILABLE_POWER_SOURCES = 6;
    public static final int POWER_SOURCE_VOLTAGE = 7;
    public static final int POWER_SOURCE_CURRENT = 8;
    public static final int BATTERY_LEVEL = 9;
    public static final int MEMORY_FREE = 10;
    public static final int ERROR_CODE = 11;
    /** Executable. */
    public static final int RESET_ERROR_CODE = 12;
    public static final int CURRENT_TIME = 13;
    public static final int UTC_OFFSET = 14;
    public static final int TIMEZONE = 15;
    public static final int SUPPORTED_BINDING_AND_MODES = 16;
    public static final int DEVICE_TYPE = 17;
    public static final int HARDWARE_VERSION = 18;
    public static final int SOFTWARE_VERSION = 19;
    public static final int BATTERY_STATUS = 20;
    public static final int MEMORY_TOTAL = 21;
    public static final int EXT_DEV_INFO = 22;

    private DeviceResources() {
    }
}
