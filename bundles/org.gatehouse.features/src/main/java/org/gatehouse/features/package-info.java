/** Features of the running gateway: named sets of bundles and configurations installed and removed whole. */
@Export
@Version("1.0.0")
package org.gatehouse.features;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
