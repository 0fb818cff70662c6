package org.gatehouse.registration.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Keeps /3/0 (Device) in the store as etc/org.gatehouse.device.cfg describes the gateway. */
@Component(immediate = true, configurationPid = "org.gatehouse.device")
@Designate(ocd = DeviceObject.Config.class)
public final class DeviceObject {

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

    @Activate
    public DeviceObject(@Reference ObjectStore store, Config config) throws StoreException {
        LwM2mObjectInstance device = instance(config);
        if (store.read(LwM2mPath.of(3, 0)).filter(device::equals).isPresent()) {
            return;
        }
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(30))) {
            tx.write(LwM2mPath.of(3, 0), device);
            tx.commit();
        }
    }

    static LwM2mObjectInstance instance(Config c) {
        List<LwM2mResource> r = new ArrayList<>();
        r.add(SingleResource.of(0, Value.string(c.manufacturer())));
        r.add(SingleResource.of(1, Value.string(c.model())));
        r.add(SingleResource.of(2, Value.string(c.serial())));
        r.add(SingleResource.of(3, Value.string(c.firmware_version())));
        r.add(MultipleResource.of(11, ResourceType.INTEGER, Map.of(0, Value.integer(0))));
        r.add(SingleResource.of(16, Value.string(c.supported_bindings())));
        return LwM2mObjectInstance.of(0, r);
    }
}
