package org.gatehouse.device.impl;

/**
 * What /3/0/4 Reboot does: a seam so that the Device object runs and is tested without a
 * framework. The runtime's implementation restarts the OSGi framework.
 */
public interface Reboot {

    /** Starts the reboot and returns; the gateway goes down shortly after. */
    void reboot();
}
