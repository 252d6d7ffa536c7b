package dev.holdfast.remediator.fixers;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.model.Finding;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a fixer sees. {@code targets} are the detections at HEAD that are the regressed findings: their subjects may
 * be raw secrets, used in memory only to locate the text to replace.
 *
 * @param path       the file, relative, '/' separated
 * @param head       the file at HEAD
 * @param fixVersion the file as the ledger's fix left it, or null when unknown
 * @param findings   the regressed findings in this file
 * @param targets    the detections at HEAD that match them (never empty)
 * @param names      what the repository says about reference names (see {@link ReferenceNames})
 */
public record FixContext(String path, byte[] head, byte[] fixVersion, List<Finding> findings,
                         List<Detection> targets, NameEvidence names) {

    public FixContext {
        names = names == null ? NameEvidence.none() : names;
    }

    public FixContext(String path, byte[] head, byte[] fixVersion, List<Finding> findings, List<Detection> targets) {
        this(path, head, fixVersion, findings, targets, NameEvidence.none());
    }

    public String headText() {
        return new String(head, StandardCharsets.UTF_8);
    }

    public String fixVersionText() {
        return fixVersion == null ? null : new String(fixVersion, StandardCharsets.UTF_8);
    }

    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The rule of the first target, for naming. */
    public String ruleId() {
        return targets.get(0).ruleId();
    }

    @Override
    public String toString() {
        return "FixContext[" + path + ", " + targets.size() + " target(s)]";
    }
}
