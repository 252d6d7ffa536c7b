package dev.holdfast.scanner.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Runs a task on a few daemon threads of the history scan and waits for them all. */
final class Workers {
    private Workers() {
    }

    /**
     * Runs {@code task} with each index from 0 to {@code n - 1}, one thread each, named {@code name-i}; returns when
     * all are done. Interrupted, it interrupts them and throws: the task itself records any failure of its own.
     */
    static void run(String name, int n, IntConsumer task) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> task.accept(index), name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
    }

    /**
     * Throws what a worker recorded as its failure, as it was (an {@link IOException}, a runtime exception or an
     * error); nothing when {@code failure} is null.
     */
    static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
