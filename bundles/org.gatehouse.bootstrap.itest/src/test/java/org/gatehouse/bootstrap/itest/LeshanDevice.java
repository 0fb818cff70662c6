package org.gatehouse.bootstrap.itest;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * The Device object (3) of a Leshan test client (shared with the runtime's system tests), holding what our server wrote and executed, so a
 * test can assert on the device's side: Leshan's own Device class keeps them private and really
 * restarts the client on Reboot.
 */
public final class LeshanDevice extends BaseInstanceEnabler {

    public LeshanDevice() {
    }

    public volatile String utcOffset = "+00:00";
    public volatile String timezone = "UTC";
    public final AtomicInteger reboots = new AtomicInteger();

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        return switch (resourceId) {
            case 0 -> ReadResponse.success(resourceId, "Leshan test manufacturer");
            case 1 -> ReadResponse.success(resourceId, "model-7");
            case 2 -> ReadResponse.success(resourceId, "SN-0042");
            case 11 -> ReadResponse.success(resourceId, 0L);
            case 14 -> ReadResponse.success(resourceId, utcOffset);
            case 15 -> ReadResponse.success(resourceId, timezone);
            case 16 -> ReadResponse.success(resourceId, "U");
            default -> super.read(server, resourceId);
        };
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        switch (resourceId) {
            case 14:
                utcOffset = (String) value.getValue();
                fireResourceChange(14);
                return WriteResponse.success();
            case 15:
                timezone = (String) value.getValue();
                fireResourceChange(15);
                return WriteResponse.success();
            default:
                return super.write(server, replace, resourceId, value);
        }
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        if (resourceId == 4) {
            reboots.incrementAndGet();
            return ExecuteResponse.success();
        }
        return super.execute(server, resourceId, arguments);
    }

    /** The device changes its own time zone, as a user at its keypad would. */
    public void changeTimezone(String tz) {
        timezone = tz;
        fireResourceChange(15);
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return List.of(0, 1, 2, 4, 11, 14, 15, 16);
    }
}
