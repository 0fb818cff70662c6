/**
 * The gateway as an LwM2M client, as bootstrap and registration both see it: a Security instance
 * read as an account, a Server instance read as registration settings, the consistency check of a
 * configuration, and the contracts between the two sides ({@link Registrar}, {@link RegistrationGuard},
 * {@link BootstrapRequests}). The bootstrap coordinator and the registration bundle both depend on
 * this package and not on each other; a bootstrap server can validate what it serves with
 * {@link ConsistencyCheck}.
 */
@Export
@Version("1.0.0")
package org.gatehouse.lwm2m.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
