/** Reads OMA LwM2M object definition (DDF) XML files into object models. */
@Export
@Version("1.0.0")
package org.gatehouse.lwm2m.model.ddf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
