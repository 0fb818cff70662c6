package org.gatehouse.registration.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The registration procedures going on, at most one per server: a new one for a server replaces the
 * old. Once stopped, a procedure started meanwhile is cancelled at once, so nobody waits for attempts
 * that will never run.
 */
final class RegistrationRuns {

    private final Map<Integer, RegistrationRun> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final long maxRetryWait;
    private final IntFunction<ServerSession> attempt;
    private volatile boolean stopped;

    /** @param attempt one Register with the server of that SSID: the registered session, or null */
    RegistrationRuns(ScheduledExecutorService scheduler, long maxRetryWait, IntFunction<ServerSession> attempt) {
        this.scheduler = scheduler;
        this.maxRetryWait = maxRetryWait;
        this.attempt = attempt;
    }

    /** Starts the registration procedure with one server after {@code delaySeconds}. */
    RegistrationRun start(Accounts.Account account, long delaySeconds) {
        int ssid = account.server().ssid();
        RegistrationRun run = new RegistrationRun(ssid, Retries.of(account.server(), maxRetryWait), scheduler, () -> attempt.apply(ssid));
        Optional.ofNullable(runs.put(ssid, run)).ifPresent(RegistrationRun::cancel);
        if (stopped) {
            run.cancel();
            return run;
        }
        return run.start(delaySeconds);
    }

    /** The run's session, or null when registration was deemed failed. */
    static ServerSession await(RegistrationRun run) throws InterruptedException {
        try {
            return run.result().get();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("registration is stopping");
        } catch (ExecutionException e) {
            return null; // not thrown: a run completes with a session or null
        }
    }

    /** Nobody waits for this run: its session goes to {@code registered}, a failure to {@code failed}. */
    void inBackground(RegistrationRun run, int ssid, Consumer<ServerSession> registered, IntConsumer failed) {
        run.result().whenComplete((session, error) -> {
            runs.remove(ssid, run);
            if (session != null) {
                registered.accept(session);
            } else if (error == null) {
                failed.accept(ssid);
            }
        });
    }

    void cancelAll() {
        runs.values().forEach(RegistrationRun::cancel);
        runs.clear();
    }

    void stop() {
        stopped = true;
        cancelAll();
    }
}
