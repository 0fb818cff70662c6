package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.stream.Stream;

import org.gatehouse.lwm2m.model.ddf.DdfParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each named object and resource id is the one the OMA definitions give that name. */
class ResourceIdsTest {

    @Test
    void object_ids_name_the_registry_objects() throws Exception {
        assertEquals("LWM2M Security", name(ObjectIds.SECURITY));
        assertEquals("LwM2M Server", name(ObjectIds.SERVER));
        assertEquals("LwM2M Access Control", name(ObjectIds.ACCESS_CONTROL));
        assertEquals("Device", name(ObjectIds.DEVICE));
        assertEquals("Connectivity Monitoring", name(ObjectIds.CONNECTIVITY_MONITORING));
        assertEquals("LWM2M OSCORE", oscore().name());
    }

    private static String name(int objectId) {
        return CoreModels.all().find(objectId).orElseThrow().name();
    }

    private static ObjectModel oscore() throws Exception {
        try (InputStream in = Files.newInputStream(CoreModelsRegistryTest.registry().resolve("21.xml"))) {
            return DdfParser.parse(in, "21.xml").get(0);
        }
    }

    static Stream<Arguments> resources() {
        return Stream.of(
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SERVER_URI, "LWM2M  Server URI"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.BOOTSTRAP_SERVER, "Bootstrap-Server"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SECURITY_MODE, "Security Mode"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.PUBLIC_KEY_OR_IDENTITY, "Public Key or Identity"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SERVER_PUBLIC_KEY, "Server Public Key"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SECRET_KEY, "Secret Key"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SMS_SECURITY_MODE, "SMS Security Mode"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SMS_BINDING_KEY_PARAMETERS, "SMS Binding Key Parameters"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SMS_BINDING_SECRET_KEYS, "SMS Binding Secret Key(s)"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SERVER_SMS_NUMBER, "LwM2M Server SMS Number"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SHORT_SERVER_ID, "Short Server ID"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.CLIENT_HOLD_OFF_TIME, "Client Hold Off Time"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT, "Bootstrap-Server Account Timeout"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.MATCHING_TYPE, "Matching Type"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.SNI, "SNI"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.CERTIFICATE_USAGE, "Certificate Usage"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.DTLS_TLS_CIPHERSUITE, "DTLS/TLS Ciphersuite"),
            Arguments.of(ObjectIds.SECURITY, SecurityResources.OSCORE_SECURITY_MODE, "OSCORE Security Mode"),
            Arguments.of(ObjectIds.SERVER, ServerResources.SHORT_SERVER_ID, "Short Server ID"),
            Arguments.of(ObjectIds.SERVER, ServerResources.LIFETIME, "Lifetime"),
            Arguments.of(ObjectIds.SERVER, ServerResources.DEFAULT_MINIMUM_PERIOD, "Default Minimum Period"),
            Arguments.of(ObjectIds.SERVER, ServerResources.DEFAULT_MAXIMUM_PERIOD, "Default Maximum Period"),
            Arguments.of(ObjectIds.SERVER, ServerResources.DISABLE, "Disable"),
            Arguments.of(ObjectIds.SERVER, ServerResources.DISABLE_TIMEOUT, "Disable Timeout"),
            Arguments.of(ObjectIds.SERVER, ServerResources.NOTIFICATION_STORING, "Notification Storing When Disabled or Offline"),
            Arguments.of(ObjectIds.SERVER, ServerResources.BINDING, "Binding"),
            Arguments.of(ObjectIds.SERVER, ServerResources.REGISTRATION_UPDATE_TRIGGER, "Registration Update Trigger"),
            Arguments.of(ObjectIds.SERVER, ServerResources.BOOTSTRAP_REQUEST_TRIGGER, "Bootstrap-Request Trigger"),
            Arguments.of(ObjectIds.SERVER, ServerResources.APN_LINK, "APN Link"),
            Arguments.of(ObjectIds.SERVER, ServerResources.TLS_DTLS_ALERT_CODE, "TLS-DTLS Alert Code"),
            Arguments.of(ObjectIds.SERVER, ServerResources.LAST_BOOTSTRAPPED, "Last Bootstrapped"),
            Arguments.of(ObjectIds.SERVER, ServerResources.REGISTRATION_PRIORITY_ORDER, "Registration Priority Order"),
            Arguments.of(ObjectIds.SERVER, ServerResources.INITIAL_REGISTRATION_DELAY_TIMER, "Initial Registration Delay Timer"),
            Arguments.of(ObjectIds.SERVER, ServerResources.REGISTRATION_FAILURE_BLOCK, "Registration Failure Block"),
            Arguments.of(ObjectIds.SERVER, ServerResources.BOOTSTRAP_ON_REGISTRATION_FAILURE, "Bootstrap on Registration Failure"),
            Arguments.of(ObjectIds.SERVER, ServerResources.COMMUNICATION_RETRY_COUNT, "Communication Retry Count"),
            Arguments.of(ObjectIds.SERVER, ServerResources.COMMUNICATION_RETRY_TIMER, "Communication Retry Timer"),
            Arguments.of(ObjectIds.SERVER, ServerResources.COMMUNICATION_SEQUENCE_DELAY_TIMER, "Communication Sequence Delay Timer"),
            Arguments.of(ObjectIds.SERVER, ServerResources.COMMUNICATION_SEQUENCE_RETRY_COUNT, "Communication Sequence Retry Count"),
            Arguments.of(ObjectIds.ACCESS_CONTROL, AccessControlResources.OBJECT_ID, "Object ID"),
            Arguments.of(ObjectIds.ACCESS_CONTROL, AccessControlResources.OBJECT_INSTANCE_ID, "Object Instance ID"),
            Arguments.of(ObjectIds.ACCESS_CONTROL, AccessControlResources.ACL, "ACL"),
            Arguments.of(ObjectIds.ACCESS_CONTROL, AccessControlResources.ACCESS_CONTROL_OWNER, "Access Control Owner"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.MANUFACTURER, "Manufacturer"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.MODEL_NUMBER, "Model Number"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.SERIAL_NUMBER, "Serial Number"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.FIRMWARE_VERSION, "Firmware Version"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.REBOOT, "Reboot"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.FACTORY_RESET, "Factory Reset"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.AVAILABLE_POWER_SOURCES, "Available Power Sources"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.POWER_SOURCE_VOLTAGE, "Power Source Voltage"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.POWER_SOURCE_CURRENT, "Power Source Current"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.BATTERY_LEVEL, "Battery Level"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.MEMORY_FREE, "Memory Free"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.ERROR_CODE, "Error Code"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.RESET_ERROR_CODE, "Reset Error Code"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.CURRENT_TIME, "Current Time"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.UTC_OFFSET, "UTC Offset"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.TIMEZONE, "Timezone"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.SUPPORTED_BINDING_AND_MODES, "Supported Binding and Modes"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.DEVICE_TYPE, "Device Type"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.HARDWARE_VERSION, "Hardware Version"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.SOFTWARE_VERSION, "Software Version"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.BATTERY_STATUS, "Battery Status"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.MEMORY_TOTAL, "Memory Total"),
            Arguments.of(ObjectIds.DEVICE, DeviceResources.EXT_DEV_INFO, "ExtDevInfo"));
    }

    @ParameterizedTest(name = "/{0}/x/{1} {2}")
    @MethodSource("resources")
    void resource_ids_name_the_core_model_resources(int objectId, int resourceId, String name) {
        assertEquals(name, CoreModels.all().find(objectId).orElseThrow().resource(resourceId).name());
    }

    static Stream<Arguments> oscoreResources() {
        return Stream.of(
            Arguments.of(OscoreResources.MASTER_SECRET, "OSCORE Master Secret"),
            Arguments.of(OscoreResources.SENDER_ID, "OSCORE Sender ID"),
            Arguments.of(OscoreResources.RECIPIENT_ID, "OSCORE Recipient ID"),
            Arguments.of(OscoreResources.AEAD_ALGORITHM, "OSCORE AEAD Algorithm"),
            Arguments.of(OscoreResources.HMAC_ALGORITHM, "OSCORE HMAC Algorithm"),
            Arguments.of(OscoreResources.MASTER_SALT, "OSCORE Master Salt"),
            Arguments.of(OscoreResources.ID_CONTEXT, "OSCORE ID Context"));
    }

    @ParameterizedTest(name = "/21/x/{0} {1}")
    @MethodSource("oscoreResources")
    void oscore_resource_ids_name_the_registry_resources(int resourceId, String name) throws Exception {
        assertEquals(name, oscore().resource(resourceId).name().trim());
    }
}
