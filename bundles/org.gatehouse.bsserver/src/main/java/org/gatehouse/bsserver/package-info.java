/**
 * The LwM2M bootstrap server: per-endpoint configurations ({@link BootstrapConfigs}) and the running
 * server ({@link BootstrapServer}). Sessions and credentials live in the bootstrap-server storage
 * ({@code org.gatehouse.bsserver.storage}).
 */
@Export
@Version("1.0.0")
package org.gatehouse.bsserver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
