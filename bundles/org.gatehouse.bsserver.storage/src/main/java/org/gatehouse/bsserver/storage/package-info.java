/**
 * Bootstrap-server storage: configurations (one JSON document per endpoint name or name prefix),
 * endpoint credentials (one per role: toward the bootstrap server, toward the gateway's LwM2M server;
 * 1.1), the session log (a claim and a session's start at once: 1.2), and per-endpoint claims so that several bootstrap-server
 * nodes sharing one database never run the same endpoint's session twice at once. The bootstrap
 * server consumes {@link BootstrapStorage}; an engine bundle provides it.
 */
@Export
@Version("1.3.0")
package org.gatehouse.bsserver.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
