package org.gatehouse.bsserver.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One bootstrap session as logged.
 *
 * @param ended   empty while the session is open
 * @param outcome empty while the session is open
 * @param events  the requests of the session in order, e.g. "WRITE /0/1 2.04"
 * @since 1.0.0
 */
public record SessionRecord(long id, String endpoint, String node, Instant started, Optional<Instant> ended,
                            Optional<String> outcome, List<String> events) {

    public SessionRecord {
        events = List.copyOf(events);
    }
}
