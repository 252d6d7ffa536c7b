package dev.holdfast.cloud;

import dev.holdfast.model.Finding;

import java.util.List;

/** Evaluates a snapshot into findings; pure (no network), so a baseline snapshot can be evaluated the same way. */
public interface CloudRules {
    List<Finding> evaluate(CloudSnapshot snapshot);
}
