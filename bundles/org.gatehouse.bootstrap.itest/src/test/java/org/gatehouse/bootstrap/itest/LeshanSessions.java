package org.gatehouse.bootstrap.itest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.request.BootstrapDownlinkRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;

/**
 * What Leshan's bootstrap server saw of each session: ended in success (Bootstrap-Finish answered
 * 2.04) or failed, with the cause and the last request it sent. The gateway's own view proves
 * nothing about the server's; tests assert this side too.
 */
public final class LeshanSessions extends BootstrapSessionAdapter {

    /** One ended session. {@code cause} is null on success. */
    public record Ended(String endpoint, BootstrapFailureCause cause, String lastRequest) {
        public boolean success() {
            return cause == null;
        }
    }

    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    private final Map<String, String> open = new ConcurrentHashMap<>();

    @Override
    public void authorized(BootstrapSession session) {
        open.put(session.getId(), session.getEndpoint());
    }

    @Override
    public void sendRequest(BootstrapSession session, BootstrapDownlinkRequest<? extends LwM2mResponse> request) {
        lastRequest.put(session.getId(), request.getClass().getSimpleName() + " " + request.getPath());
    }

    @Override
    public void end(BootstrapSession session) {
        close(session, null);
    }

    @Override
    public void failed(BootstrapSession session, BootstrapFailureCause cause) {
        close(session, cause);
    }

    private void close(BootstrapSession session, BootstrapFailureCause cause) {
        open.remove(session.getId());
        ended.add(new Ended(session.getEndpoint(), cause, lastRequest.getOrDefault(session.getId(), "none")));
    }

    public List<Ended> ended() {
        return List.copyOf(ended);
    }

    public List<Ended> failures() {
        return ended.stream().filter(e -> !e.success()).toList();
    }

    public long successes(String endpoint) {
        return ended.stream().filter(e -> e.success() && e.endpoint().equals(endpoint)).count();
    }

    /** Waits until Leshan ended {@code count} sessions of {@code endpoint} in success; fails on any failed one. */
    public void awaitSuccesses(String endpoint, long count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5))
            .failFast("Leshan recorded a failed bootstrap session", () -> !failures().isEmpty())
            .until(() -> successes(endpoint) >= count);
    }

    /** Waits (bounded) for the sessions Leshan still has open to end, so that none is judged half-way. */
    public void awaitQuiet(Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(open::isEmpty);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller judges what ended; a session still open is reported with them
        }
    }

    public Map<String, String> open() {
        return Map.copyOf(open);
    }
}
