package dev.holdfast.remediator.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long one run may wait for GitHub's rate limits in total. A wait that would exceed what is left fails at once
 * with a one-line message saying when to retry, so a run never hangs for an hour.
 */
public final class WaitBudget {

    /** Sleeps; injected so tests never wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A wait the budget does not allow; its message is the one line to show. */
    public static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private Duration left;

    public WaitBudget(Clock clock, Sleeper sleeper, Duration total) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.left = total;
    }

    public static Sleeper realSleeper() {
        return d -> Thread.sleep(d.toMillis());
    }

    public Clock clock() {
        return clock;
    }

    public synchronized Duration left() {
        return left;
    }

    /** Waits until {@code until} when the budget allows, else throws naming the limit and the time it resets. */
    synchronized void waitUntil(Instant until, String limit) throws IOException {
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        wait = wait.plusSeconds(1);
        if (wait.compareTo(left) > 0) {
            throw new LimitExceeded("GitHub " + limit + " reached; it resets at " + until
                    + " — run again after that (waiting longer than " + left.toSeconds() + "s is not allowed)");
        }
        left = left.minus(wait);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the GitHub " + limit);
        }
    }
}
