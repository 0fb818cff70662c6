/**
 * Bootstrap API: modes (whiteboard), sessions, the coordinator's status. Accounts, the registrar and
 * registration guards moved to {@code org.gatehouse.lwm2m.client} in 2.0.0, so that registration does
 * not depend on this package.
 */
@Export
@Version("2.0.0")
package org.gatehouse.bootstrap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
