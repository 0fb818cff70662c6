/** The gateway's LwM2M object tree: snapshots for readers, transactions for writers. */
@Export
@Version("1.1.0")
package org.gatehouse.lwm2m.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
