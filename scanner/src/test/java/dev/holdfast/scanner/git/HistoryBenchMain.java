package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;

import java.nio.file.Path;

/**
 * A profiling aid (bench/history.sh times the CLI): a full-history scan without the CLI around it, with the real rule
 * catalogue when it is on the class path, else the AWS test detector, or no detector at all with
 * {@code -Dholdfast.bench.detector=none} to time reading and line memory alone ({@code -Dholdfast.bench.lines=0} shows
 * every version whole; {@code -Dholdfast.bench.threads=N} sets the workers). Prints counts and the detector's
 * share of the time, never values.
 */
public final class HistoryBenchMain {
    public static void main(String[] args) throws Exception {
        Detector inner = realDetector();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong docs = new java.util.concurrent.atomic.AtomicLong();
        Detector detector = new Detector() {
            public String name() {
                return inner.name();
            }

            public java.util.List<dev.holdfast.rules.detect.Detection> detect(dev.holdfast.rules.detect.Document d) {
                long t = System.nanoTime();
                try {
                    return inner.detect(d);
                } finally {
                    nanos.addAndGet(System.nanoTime() - t);
                    bytes.addAndGet(d.content().length);
                    docs.incrementAndGet();
                }
            }
        };
        long t0 = System.nanoTime();
        ScanResult r = new HistoryScanner().scan(Path.of(args[0]), detector,
                (new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey()))),
                HistoryOptions.all()
                        .withLineMemory(Long.getLong("holdfast.bench.lines", HistoryOptions.DEFAULT_LINE_MEMORY))
                        .withThreads(Integer.getInteger("holdfast.bench.threads",
                                Runtime.getRuntime().availableProcessors())));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("detector=" + detector.name() + " findings=" + r.findings().size() + " warnings="
                + r.warnings().size() + " scanMs=" + ms + " detectorDocs=" + docs + " detectorBytes=" + bytes
                + " detectorMs=" + nanos.get() / 1_000_000);
    }

    private static Detector realDetector() {
        if ("none".equals(System.getProperty("holdfast.bench.detector"))) {
            return new Detector() {
                public String name() {
                    return "none";
                }

                public java.util.List<dev.holdfast.rules.detect.Detection> detect(dev.holdfast.rules.detect.Document d) {
                    return java.util.List.of();
                }
            };
        }
        try {
            Class<?> cat = Class.forName("dev.holdfast.rules.catalogue.RuleCatalogue");
            Object builtin = cat.getMethod("builtin").invoke(null);
            java.util.function.Predicate<String> none = v -> false;
            return (Detector) cat.getMethod("detector", java.util.function.Predicate.class).invoke(builtin, none);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new AwsKeyTestDetector();
        }
    }
}
