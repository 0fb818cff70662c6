package org.gatehouse.device.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.lwm2m.model.DeviceResources;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keeps /3/0 (Device) in the store as etc/org.gatehouse.device.cfg describes the gateway: it sets the
 * resources its configuration names and leaves the others, which servers may have written, alone.
 * As the Device object's handler it reboots on /3/0/4 and checks writes of 14 UTC Offset and 15 Timezone.
 */
@Component(service = ObjectHandler.class, immediate = true, configurationPid = "org.gatehouse.device",
    property = ObjectHandler.OBJECT_ID + ":Integer=" + ObjectIds.DEVICE)
@Designate(ocd = DeviceObject.Config.class)
public final class DeviceObject implements ObjectHandler {

    @ObjectClassDefinition(name = "Gatehouse device", description = "What /3/0 (Device) says about this gateway")
    public @interface Config {
        @AttributeDefinition(description = "/3/0/0 Manufacturer")
        String manufacturer() default "Gatehouse";

        @AttributeDefinition(description = "/3/0/1 Model Number")
        String model() default "Gatehouse gateway";

        @AttributeDefinition(description = "/3/0/2 Serial Number")
        String serial() default "0000";

        @AttributeDefinition(description = "/3/0/3 Firmware Version")
        String firmware_version() default "0.1.0";

        @AttributeDefinition(description = "/3/0/16 Supported Binding and Modes")
        String supported_bindings() default "U";
    }

    private static final LwM2mPath DEVICE = LwM2mPath.of(ObjectIds.DEVICE, 0);

    private final DelayedReboot reboot;

    /** The writer the store records for /3/0 when this component sets it. */
    static final String WRITER = "device-config";

    @Activate
    public DeviceObject(@Reference ObjectStore store, @Reference Reboot reboot, Config config) throws StoreException {
        this.reboot = new DelayedReboot(reboot);
        LwM2mObjectInstance owned = instance(config);
        store.update(WRITER, Duration.ofSeconds(30), tx -> {
            Optional<LwM2mObjectInstance> current = current(tx.view());
            LwM2mObjectInstance merged = merged(current.orElse(null), owned);
            if (!current.filter(merged::equals).isPresent()) { // up to date: no write, so no new revision at every start
                tx.write(DEVICE, merged);
            }
            return null;
        });
    }

    /** /3/0/4 Reboot: answered 2.04, carried out shortly after. */
    @Override
    public Outcome execute(int ssid, LwM2mPath path, String arguments) {
        if (path.resourceId() != DeviceResources.REBOOT) {
            return Outcome.notSupported();
        }
        reboot.request(ssid);
        return Outcome.changed();
    }

    @Override
    public Optional<String> validateWrite(int ssid, LwM2mPath path, LwM2mNode value) {
        return DeviceWrites.refusal(value);
    }

    @Deactivate
    public void deactivate() {
        reboot.close();
    }

    private static Optional<LwM2mObjectInstance> current(ObjectTree tree) {
        return tree.read(DEVICE).filter(LwM2mObjectInstance.class::isInstance).map(LwM2mObjectInstance.class::cast);
    }

    /**
     * The resources the configuration owns replace theirs; every other one stays as stored, such as
     * /3/0/13 Current Time, 14 UTC Offset and 15 Timezone written by a server.
     */
    static LwM2mObjectInstance merged(LwM2mObjectInstance current, LwM2mObjectInstance owned) {
        LwM2mObjectInstance result = current == null ? owned : current;
        for (LwM2mResource r : owned.resources().values()) {
            result = result.with(r);
        }
        return result;
    }

    /** The resources this configuration owns. */
    static LwM2mObjectInstance instance(Config c) {
        List<LwM2mResource> r = new ArrayList<>();
        r.add(SingleResource.of(DeviceResources.MANUFACTURER, Value.string(c.manufacturer())));
        r.add(SingleResource.of(DeviceResources.MODEL_NUMBER, Value.string(c.model())));
        r.add(SingleResource.of(DeviceResources.SERIAL_NUMBER, Value.string(c.serial())));
        r.add(SingleResource.of(DeviceResources.FIRMWARE_VERSION, Value.string(c.firmware_version())));
        r.add(MultipleResource.of(DeviceResources.ERROR_CODE, ResourceType.INTEGER, Map.of(0, Value.integer(0))));
        r.add(SingleResource.of(DeviceResources.SUPPORTED_BINDING_AND_MODES, Value.string(c.supported_bindings())));
        return LwM2mObjectInstance.of(0, r);
    }
}
