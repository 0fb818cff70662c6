package org.gatehouse.bootstrap;

import java.util.function.Consumer;

import org.gatehouse.coap.RequestHandler;

/**
 * Makes the request handler that answers a bootstrap server (Write, Delete, Discover, Read, Finish)
 * within one session. Implemented by the bootstrap bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapInterface {

    /**
     * @param onFinish called after a Bootstrap-Finish was answered 2.04 (the session is committed)
     */
    RequestHandler handler(BootstrapSession session, Consumer<BootstrapSession> onFinish);
}
