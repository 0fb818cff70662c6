/**
 * Smartcard readers as OSGi services: card presence, ATR, exclusive card sessions and APDU exchange on
 * the basic and logical channels. Free of {@code javax.smartcardio}, so that a reader reached another
 * way (a modem's AT+CSIM, a simulator) can be a provider too.
 */
@Export
@Version("1.0.0")
package org.gatehouse.smartcard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
