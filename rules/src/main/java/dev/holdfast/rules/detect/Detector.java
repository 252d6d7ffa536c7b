package dev.holdfast.rules.detect;

import dev.holdfast.rules.model.RuleInfo;

import java.util.List;

/**
 * Finds risks in one document. Implementations are stateless after construction and safe to call from many threads.
 * A detector that cannot parse a document returns what it can and may throw {@link DetectorException} for a per-file
 * warning; it never touches git, the network or the console.
 */
public interface Detector {

    /** A short stable name, for warnings and `holdfast rules`. */
    String name();

    /** The rules this detector can report, for `holdfast rules` and SARIF rule metadata. */
    default List<RuleInfo> rules() {
        return List.of();
    }

    /**
     * The rules of what has been built so far: a finding can only come from those. A scan that reports a few findings
     * asks for these, so that detectors never needed are not built just to describe their rules.
     */
    default List<RuleInfo> rulesInUse() {
        return rules();
    }

    /** Whether this detector wants binary content at this path (keystores, DER certificates); text is always given. */
    default boolean readsBinary(String path) {
        return false;
    }

    /**
     * How far beyond a changed line this detector reads, when a source shows it only what a version changed (see
     * {@link Document#changedLines()}); detectors that read whole documents are never shown part of one.
     */
    default LineReach lineReach() {
        return LineReach.NONE;
    }

    List<Detection> detect(Document document);
}
