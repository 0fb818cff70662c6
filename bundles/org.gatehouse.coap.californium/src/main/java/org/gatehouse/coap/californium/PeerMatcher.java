package org.gatehouse.coap.californium;

import java.security.Principal;

import org.eclipse.californium.elements.PrincipalEndpointContextMatcher;

/**
 * A listener's endpoint-context rule: a request to a peer goes out only on a session whose peer has
 * the identity it was addressed to, and a response counts only from that identity. A device that
 * re-handshakes keeps its identity; another one that took over its address does not.
 */
final class PeerMatcher extends PrincipalEndpointContextMatcher {

    @Override
    protected boolean matchPrincipals(Principal requested, Principal available) {
        return Identities.identity(requested).equals(Identities.identity(available));
    }
}
