/** CoRE link format (RFC 6690, content format 40) for Discover and Register payloads. */
@Export
@Version("1.0.0")
package org.gatehouse.lwm2m.codec.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
