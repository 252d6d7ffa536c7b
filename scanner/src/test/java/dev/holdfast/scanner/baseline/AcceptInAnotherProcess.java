package dev.holdfast.scanner.baseline;

import java.nio.file.Path;

/**
 * Run as a separate JVM by {@link BaselineStoreProcessTest}: accepts the given fingerprints one by one, each a full
 * read-modify-write of the baseline under its lock.
 */
public final class AcceptInAnotherProcess {
    private AcceptInAnotherProcess() {
    }

    public static void main(String[] args) {
        BaselineStore store = new BaselineStore();
        Path file = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            String fp = args[i];
            store.update(file, b -> BaselineBuilder.accept(b, fp, new Acceptance("pid " + ProcessHandle.current().pid(),
                    "cross-process test", null)));
        }
    }
}
