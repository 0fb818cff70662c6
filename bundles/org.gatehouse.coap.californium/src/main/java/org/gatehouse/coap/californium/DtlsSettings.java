package org.gatehouse.coap.californium;

import org.eclipse.californium.elements.config.Configuration;

/**
 * The DTLS settings of the client and the server role, made when the first secure endpoint asks:
 * loading Scandium's configuration makes its cipher suites probe the JVM's security providers.
 */
final class DtlsSettings {
    private final CaliforniumTransport.Config config;
    private Configuration client;
    private Configuration server;

    DtlsSettings(CaliforniumTransport.Config config) {
        this.config = config;
    }

    synchronized Configuration client() {
        make();
        return client;
    }

    synchronized Configuration server() {
        make();
        return server;
    }

    private void make() {
        if (client == null) {
            client = CaliforniumTransport.configuration(config);
            server = CaliforniumTransport.serverConfiguration(client);
        }
    }
}
