/** LwM2M domain model: paths, nodes, typed values and object models. Pure Java, no transport types. */
@Export
@Version("1.2.0")
package org.gatehouse.lwm2m.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
