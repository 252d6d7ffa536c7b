package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;

import java.util.List;

/**
 * Re-scans patched content. The caller passes the real detectors, so a change is only kept when the same rules that
 * reported the regression no longer see it and see nothing new.
 */
@FunctionalInterface
public interface Verifier {
    List<Detection> scan(Document document);
}
