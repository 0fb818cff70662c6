/** The gateway's LwM2M endpoint identity. */
@Export
@Version("1.0.0")
package org.gatehouse.endpoint;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
