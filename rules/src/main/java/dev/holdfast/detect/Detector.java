package dev.holdfast.detect;

import java.util.List;

/**
 * Finds risks in one document. Implementations are stateless after construction and safe to call from many threads.
 * A detector that cannot parse a document returns what it can and may throw {@link DetectorException} for a per-file
 * warning; it never touches git, the network or the console.
 */
public interface Detector {

    /** A short stable name, for warnings and `holdfast rules`. */
    String name();

    List<Detection> detect(Document document);
}
