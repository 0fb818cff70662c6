/** LwM2M content formats: one {@link org.gatehouse.lwm2m.codec.ContentCodec} service per format. */
@Export
@Version("1.1.0")
package org.gatehouse.lwm2m.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
