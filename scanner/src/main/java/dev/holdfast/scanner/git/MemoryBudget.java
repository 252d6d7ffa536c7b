package dev.holdfast.scanner.git;

/**
 * How a history scan divides the heap it runs in, worked out from {@link Runtime#maxMemory()} rather than from JVM
 * flags: the same scan fits a 256 MiB heap and does not spread into a 6 GiB one. Three things are sized here, all
 * caches or read-ahead whose size costs time, never correctness:
 * <ul>
 *   <li>{@link #packWindows()}: JGit's cache of pack file windows, shared by every reader (through 8 MiB of windows a
 *       commons-lang history scan read its 32 MB pack ten times over, 308 MB copied out of the file; through 32 MiB,
 *       a tenth of the wall time less);</li>
 *   <li>{@link #deltaBases()}: JGit's cache of inflated delta bases, one per reader, a share of one budget for all
 *       the readers a scan runs at once (one per core): it holds the versions a run's later reads start from (see
 *       {@link PackOrder}), and with 32 MiB per reader on two cores a 1x history scan takes 7% less time than with
 *       8 MiB, a 3x one 4% less;</li>
 *   <li>{@link #readAhead()}: the bytes of versions the workers may hold at once, read base first so that each is one
 *       delta away from one read before it (see {@link BlobPool}).</li>
 * </ul>
 * Each is a fraction of the heap between a floor and a ceiling; past the ceilings a larger heap buys nothing
 * measurable (bench/history-scale.sh), so it is left to the collector rather than filled.
 *
 * @param heap        the heap the budget was cut from
 * @param packWindows bytes of pack windows
 * @param deltaBases  bytes of delta bases per reader
 * @param readAhead   bytes of versions held at once across workers
 */
record MemoryBudget(long heap, long packWindows, long deltaBases, long readAhead) {
    private static final long MIB = 1024L * 1024;

    /** The budget for this JVM's heap and a reader per core. */
    static MemoryBudget ofThisJvm() {
        return of(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
    }

    /** The budget for a heap of {@code heap} bytes and two readers. */
    static MemoryBudget of(long heap) {
        return of(heap, 2);
    }

    static MemoryBudget of(long heap, int readers) {
        return new MemoryBudget(heap,
                clamp(heap / 32, 4 * MIB, 32 * MIB),
                Math.max(2 * MIB, clamp(heap / 16, 8 * MIB, 64 * MIB) / Math.max(1, readers)),
                clamp(heap / 16, 8 * MIB, 32 * MIB));
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
