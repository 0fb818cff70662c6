/**
 * The smartcard bootstrap mode's own API: what it applied from which card, and a read of a card's
 * LwM2M bootstrap data without applying it (for the shell and diagnostics).
 */
@Export
@Version("1.0.0")
package org.gatehouse.bootstrap.smartcard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
