package org.gatehouse.registration.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's registration procedure: Register attempts spaced as its {@link Retries} say, each on
 * the registration scheduler, so that no thread sleeps through a back-off. Its result is the
 * registered session, or null once registration is deemed failed.
 */
final class RegistrationRun {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRun.class);

    private final int ssid;
    private final Retries retries;
    private final ScheduledExecutorService scheduler;
    private final Supplier<ServerSession> attempt;
    private final CompletableFuture<ServerSession> result = new CompletableFuture<>();
    private volatile ScheduledFuture<?> next;
    private long made; // only touched by the attempt in progress, one at a time

    /** @param attempt one Register: the registered session, or null when it failed */
    RegistrationRun(int ssid, Retries retries, ScheduledExecutorService scheduler, Supplier<ServerSession> attempt) {
        this.ssid = ssid;
        this.retries = retries;
        this.scheduler = scheduler;
        this.attempt = attempt;
    }

    /** Makes the first attempt after {@code delaySeconds}. */
    RegistrationRun start(long delaySeconds) {
        schedule(delaySeconds);
        return this;
    }

    CompletableFuture<ServerSession> result() {
        return result;
    }

    /** Stops the attempts; a session registered meanwhile is de-registered. */
    void cancel() {
        result.cancel(false);
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void schedule(long seconds) {
        try {
            next = scheduler.schedule(this::attemptOnce, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            result.cancel(false); // the component is stopping
        }
    }

    private void attemptOnce() {
        if (result.isDone()) {
            return;
        }
        ServerSession session;
        try {
            session = attempt.get();
        } catch (RuntimeException e) { // counted as a failed attempt: the result must complete either way
            LOG.error("Registration attempt with server {} failed", ssid, e);
            session = null;
        }
        made++;
        if (session != null) {
            if (!result.complete(session)) { // cancelled while the Register was on its way
                session.deregister();
                session.close();
            }
            return;
        }
        long wait = retries.waitBefore(made);
        if (wait == Retries.FAILED) {
            LOG.warn("Registration with server {} deemed failed after {} attempts", ssid, made);
            result.complete(null);
            return;
        }
        LOG.info("Registration with server {}: attempt {} in {} s", ssid, made + 1, wait);
        schedule(wait);
    }
}
