/** Bootstrap API: modes (whiteboard), sessions, the coordinator's status, account helpers. */
@Export
@Version("1.3.0")
package org.gatehouse.bootstrap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
