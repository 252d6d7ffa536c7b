package dev.holdfast.rules.cloud;

import java.util.List;

/** Evaluates a snapshot; pure (no network), so a baseline snapshot can be evaluated the same way. */
public interface CloudRules {
    List<CloudDetection> evaluate(CloudSnapshot snapshot);
}
