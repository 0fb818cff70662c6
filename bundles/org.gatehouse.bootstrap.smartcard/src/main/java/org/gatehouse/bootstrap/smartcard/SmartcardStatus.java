package org.gatehouse.bootstrap.smartcard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the smartcard mode applied and when it last looked at the card.
 *
 * @param digest     SHA-256 of the applied card data; empty when no card configuration is in place
 * @param reader     the reader the applied card was in
 * @param instances  the object instances the card provisioned ("/0/1", "/1/1", ...)
 * @param ssids      the Short Server IDs of the servers the card provisioned (the guard checks the card before talking to them)
 * @param lastCheck  when the card was last read (a run or a Register/Update check)
 * @param lastResult what that read concluded
 * @since 1.0.0
 */
public record SmartcardStatus(Optional<String> digest, Optional<String> reader, List<String> instances, List<Integer> ssids,
        Optional<Instant> lastCheck, String lastResult) {

    public SmartcardStatus {
        instances = List.copyOf(instances);
        ssids = List.copyOf(ssids);
    }
}
