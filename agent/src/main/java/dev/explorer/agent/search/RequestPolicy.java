package dev.explorer.agent.search;

import dev.explorer.run.EngineStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps one engine polite and the run alive when it misbehaves: request budgets (sliding
 * windows per minute, hour, day), retries that honour {@code Retry-After} or else back off
 * exponentially with full jitter, and a circuit breaker that stops sending to an engine after
 * {@code breakerFailures} failures in a row, lets one trial through after the cool-down, and says
 * so in the log. Thread-safe; the clock and the sleep are injectable so tests wait for nothing.
 */
public final class RequestPolicy {
    private static final Logger log = LoggerFactory.getLogger(RequestPolicy.class);

    /** At most {@code limit} requests in any {@code windowMs}. */
    public record Budget(int limit, long windowMs, String text) {
        /** "5/hour", "100/day", "20/minute". */
        public static Budget parse(String spec) {
            String[] p = spec.split("/");
            long w = switch (p[1]) {
                case "minute", "min" -> 60_000L;
                case "hour" -> 3_600_000L;
                case "day" -> 86_400_000L;
                default -> throw new IllegalArgumentException("budget unit '" + p[1] + "' is not minute, hour or day");
            };
            return new Budget(Integer.parseInt(p[0]), w, p[0] + "/" + p[1]);
        }
    }

    /** A failure worth retrying (429, 5xx, no answer); {@code retryAfterMs} &lt; 0 when the server said nothing. */
    public static final class Retryable extends Exception {
        final long retryAfterMs;

        public Retryable(String message, long retryAfterMs) {
            super(message, null, false, false);
            this.retryAfterMs = retryAfterMs;
        }
    }

    /** One request; throws {@link Retryable} or a final {@link SearchException}. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Retryable, SearchException;
    }

    /** Waits; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final String engine;
    private final List<Budget> budgets;
    private final List<Deque<Long>> sent = new ArrayList<>();
    private final int retries;
    private final long backoffMs;
    private final long maxBackoffMs;
    private final int breakerFailures;
    private final long cooldownMs;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final Random jitter;

    private int failuresInARow;
    private long openUntil = -1;
    private long requests;
    private long retried;
    private long failures;
    private long overBudget;
    private long opened;

    public RequestPolicy(String engine, List<Budget> budgets, int retries, long backoffMs, long maxBackoffMs,
            int breakerFailures, long cooldownMs, LongSupplier clock, Sleeper sleeper, long seed) {
        this.engine = engine;
        this.budgets = List.copyOf(budgets);
        for (int i = 0; i < budgets.size(); i++) {
            sent.add(new ArrayDeque<>());
        }
        this.retries = retries;
        this.backoffMs = backoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.breakerFailures = breakerFailures;
        this.cooldownMs = cooldownMs;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = new Random(seed);
    }

    /** Runs the attempt within the budgets, retrying transient failures; every try counts against the budgets. */
    public <T> T call(Attempt<T> attempt) throws SearchException {
        int tries = 0;
        while (true) {
            admit();
            try {
                T out = attempt.run();
                succeeded();
                return out;
            } catch (Retryable r) {
                tries++;
                long wait = r.retryAfterMs >= 0 ? r.retryAfterMs : backoff(tries);
                if (tries > retries || wait > maxBackoffMs) {
                    failed();
                    throw new SearchException(engine + ": " + r.getMessage() + (tries > retries
                            ? " (after " + tries + " tries; search.retries=" + retries + ")"
                            : " and asks to wait " + wait / 1000 + " s, above search.maxBackoffMs=" + maxBackoffMs));
                }
                synchronized (this) {
                    retried++;
                }
                log.info("{}: {}; retrying in {} ms", engine, r.getMessage(), wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SearchException(engine + ": interrupted while waiting to retry");
                }
            } catch (SearchException e) {
                failed();
                throw e;
            }
        }
    }

    /** Full jitter: uniform in [0, min(max, base * 2^(n-1))], so many clients do not retry in step. */
    private synchronized long backoff(int n) {
        long cap = Math.min(maxBackoffMs, backoffMs << Math.min(30, n - 1));
        return cap <= 0 ? 0 : (long) (jitter.nextDouble() * cap);
    }

    private synchronized void admit() throws SearchException {
        long now = clock.getAsLong();
        if (openUntil >= 0) {
            if (now < openUntil) {
                throw new SearchException(engine + ": circuit breaker open after " + failuresInARow
                        + " failures in a row; no request sent for another " + (openUntil - now) / 1000
                        + " s (search.breakerCooldownMs)");
            }
            // half-open: this one request is the trial; a failure re-opens at once
        }
        for (int i = 0; i < budgets.size(); i++) {
            Deque<Long> d = sent.get(i);
            Budget b = budgets.get(i);
            while (!d.isEmpty() && d.peekFirst() <= now - b.windowMs()) {
                d.pollFirst();
            }
            if (d.size() >= b.limit()) {
                overBudget++;
                throw new SearchException(engine + ": request budget " + b.text() + " used up; the next request fits in "
                        + (d.peekFirst() + b.windowMs() - now) / 1000 + " s (search.budgets)");
            }
        }
        for (Deque<Long> d : sent) {
            d.addLast(now);
        }
        requests++;
    }

    private synchronized void succeeded() {
        if (openUntil >= 0) {
            log.info("{}: circuit breaker closed, the trial search succeeded", engine);
        }
        failuresInARow = 0;
        openUntil = -1;
    }

    private synchronized void failed() {
        failures++;
        failuresInARow++;
        boolean trial = openUntil >= 0;
        if (trial || failuresInARow >= breakerFailures) {
            openUntil = clock.getAsLong() + cooldownMs;
            opened++;
            log.warn("{}: circuit breaker open after {} failures in a row; no searches for {} s", engine, failuresInARow,
                    cooldownMs / 1000);
        }
    }

    /** Counts so far and the breaker's state: closed, open or half-open. */
    public synchronized EngineStats.Engine stats() {
        String state = openUntil < 0 ? "closed" : clock.getAsLong() < openUntil ? "open" : "half-open";
        return new EngineStats.Engine(engine, requests, retried, failures, overBudget, opened, state,
                budgets.stream().map(Budget::text).toList());
    }
}
