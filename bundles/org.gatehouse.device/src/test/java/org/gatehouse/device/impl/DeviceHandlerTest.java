package org.gatehouse.device.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Device object as the object's handler: Reboot after its answer, and the checks of Device writes. */
class DeviceHandlerTest {

    private static final Reboot NO_REBOOT = () -> {
    };

    @TempDir
    Path dir;

    private DeviceObject device(Reboot reboot) throws Exception {
        return new DeviceObject(new FileObjectStore(dir), reboot, Configs.of(DeviceObject.Config.class, Map.of()));
    }

    @Test
    void reboot_answers_changed_and_happens_after_the_answer() throws Exception {
        CountDownLatch rebooted = new CountDownLatch(1);
        DeviceObject device = device(rebooted::countDown);
        long start = System.nanoTime();
        assertEquals(Outcome.changed(), device.execute(101, LwM2mPath.of(3, 0, 4), ""));
        assertEquals(1, rebooted.getCount(), "not before the 2.04 has left");
        assertTrue(rebooted.await(5, TimeUnit.SECONDS), "rebooted");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(DelayedReboot.DELAY_MS));
        device.deactivate();
    }

    @Test
    void a_reboot_already_answered_still_happens_when_the_component_stops() throws Exception {
        CountDownLatch rebooted = new CountDownLatch(1);
        DeviceObject device = device(rebooted::countDown);
        assertEquals(Outcome.changed(), device.execute(101, LwM2mPath.of(3, 0, 4), ""));
        device.deactivate();
        assertTrue(rebooted.await(5, TimeUnit.SECONDS), "rebooted");
    }

    @Test
    void other_executable_resources_are_not_supported() throws Exception {
        DeviceObject device = device(NO_REBOOT);
        assertEquals(Outcome.notSupported(), device.execute(101, LwM2mPath.of(3, 0, 5), ""), "Factory Reset");
        assertEquals(Outcome.notSupported(), device.execute(101, LwM2mPath.of(3, 0, 12), ""), "Reset Error Code");
        device.deactivate();
    }

    @Test
    void utc_offset_and_timezone_writes_are_checked() throws Exception {
        DeviceObject device = device(NO_REBOOT);
        for (String offset : new String[] {"+02:00", "-05:30", "Z", "UTC+2", "+0100"}) {
            assertEquals(Optional.empty(), device.validateWrite(101, LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.string(offset))), offset);
        }
        for (String offset : new String[] {"two hours", "+25:00", "Europe/Zurich"}) {
            Optional<String> refusal = device.validateWrite(101, LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.string(offset)));
            assertTrue(refusal.isPresent() && refusal.get().contains("UTC Offset"), offset + ": " + refusal);
        }
        assertEquals(Optional.empty(), device.validateWrite(101, LwM2mPath.of(3, 0, 15), SingleResource.of(15, Value.string("Europe/Zurich"))));
        Optional<String> zone = device.validateWrite(101, LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0,
            SingleResource.of(14, Value.string("+01:00")), SingleResource.of(15, Value.string("Mars/Olympus_Mons"))));
        assertTrue(zone.isPresent() && zone.get().contains("Timezone"), zone.toString());
        assertEquals(Optional.empty(), device.validateWrite(101, LwM2mPath.of(3, 0, 13), SingleResource.of(13, Value.time(1_700_000_000L))),
            "Current Time is not checked");
        device.deactivate();
    }
}
