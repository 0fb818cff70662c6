/** CoAP/DTLS transport contracts; implementations keep their CoAP library's types to themselves. */
@Export
@Version("1.3.0")
package org.gatehouse.coap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
