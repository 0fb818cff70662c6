/** Registration status of the gateway with its LwM2M servers. */
@Export
@Version("1.0.0")
package org.gatehouse.registration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
