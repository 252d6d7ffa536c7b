package dev.holdfast.rules.detect;

import dev.holdfast.rules.model.RuleInfo;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A detector built the first time a document it can read comes by. Building some detectors means reading their
 * catalogues and warming up a parser, which a scan of a few files (a commit in a hook) need not pay for when none of
 * its files is of their kind. {@code reads} must accept every path the detector would report on; asking for the
 * rules builds it.
 */
public final class LazyDetector implements Detector {
    private final String name;
    private final Predicate<String> reads;
    private final Supplier<Detector> make;
    private volatile Detector built;

    public LazyDetector(String name, Predicate<String> reads, Supplier<Detector> make) {
        this.name = name;
        this.reads = reads;
        this.make = make;
    }

    private Detector get() {
        Detector d = built;
        if (d == null) {
            synchronized (this) {
                d = built;
                if (d == null) {
                    d = make.get();
                    built = d;
                }
            }
        }
        return d;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RuleInfo> rules() {
        return get().rules();
    }

    @Override
    public List<RuleInfo> rulesInUse() {
        Detector d = built;
        return d == null ? List.of() : d.rulesInUse();
    }

    @Override
    public boolean readsBinary(String path) {
        return reads.test(path) && get().readsBinary(path);
    }

    @Override
    public LineReach lineReach() {
        return get().lineReach();
    }

    @Override
    public List<Detection> detect(Document document) {
        return reads.test(document.path()) ? get().detect(document) : List.of();
    }
}
