package dev.holdfast.scanner.scan;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A value built on a thread of its own while the caller does other work: {@link #get()} waits for it and throws what
 * building it threw. A history scan parses its rule catalogue this way while it walks the commits, which needs no
 * rule; on two cores that hides most of the parse.
 *
 * @param <T> what is built
 */
final class InBackground<T> implements Supplier<T> {
    private final FutureTask<T> task;

    /** Starts building at once, on a daemon thread named {@code name}. */
    InBackground(String name, Supplier<T> make) {
        this.task = new FutureTask<>(make::get);
        Thread t = new Thread(task, name);
        t.setDaemon(true); // a run that fails before it needs the value does not wait for it to exit
        t.start();
    }

    /**
     * The value, once built.
     *
     * @throws RuntimeException the very exception (or error) building it threw, so that a caller sees the same
     *                          failure, with the same type and message, as when it builds the value itself
     */
    @Override
    public T get() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the value is needed whatever happens; the interrupt is kept for later
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
