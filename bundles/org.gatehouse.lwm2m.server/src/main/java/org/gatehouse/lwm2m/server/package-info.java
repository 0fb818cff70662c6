/**
 * The gateway's LwM2M server for the devices behind it: who is registered ({@link org.gatehouse.lwm2m.server.DeviceRegistry}),
 * device management on them ({@link org.gatehouse.lwm2m.server.DeviceManager}) and where their credentials come from
 * ({@link org.gatehouse.lwm2m.server.DeviceCredentials}).
 */
@Export
@Version("1.1.0")
package org.gatehouse.lwm2m.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
