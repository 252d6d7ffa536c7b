package dev.holdfast.scanner.scan;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says so when an AI agent widened an agent's permissions: a new or regressed finding about an agent's configuration
 * (property {@value #TOOL}) introduced by a commit whose author is an agent is marked {@value #PROPERTY} and its
 * message names the agent, and whom it acted for — "its own" when the committing agent is the configured tool.
 */
public final class AgentWidening {
    private AgentWidening() {
    }

    /** Marks the findings; call after drift, when statuses and attributions are known. */
    public static ScanResult mark(ScanResult result) {
        List<Finding> out = new ArrayList<>(result.findings().size());
        boolean changed = false;
        for (Finding f : result.findings()) {
            Finding g = mark(f);
            changed |= g != f;
            out.add(g);
        }
        return changed ? new ScanResult(result.target(), out, result.rules(), result.warnings(), result.partial())
                : result;
    }

    static Finding mark(Finding f) {
        String tool = FindingProperty.AGENT_TOOL.get(f);
        Attribution by = f.introducedBy();
        if (tool == null || by == null || by.kind() != IdentityKind.AGENT
                || f.status() != Status.NEW && f.status() != Status.REGRESSED || FindingProperty.WIDENED_BY_AGENT.isSet(f)) {
            return f;
        }
        String who = (by.name() == null ? "an AI agent" : by.name())
                + (by.onBehalfOf() == null ? "" : " on behalf of " + by.onBehalfOf().name());
        String whose = isOwn(by.name(), tool) ? "its own permissions" : tool + "'s permissions";
        String message = f.message() + "; an AI agent widened " + whose + " (" + who + ")";
        return new Finding(f.fingerprint(), f.ruleId(), f.category(), f.severity(), f.status(), message, f.location(),
                f.redacted(), f.introducedBy(), f.fixedBy(), f.remediation(), f.properties())
                .withProperty(FindingProperty.WIDENED_BY_AGENT.key(), who);
    }

    /** Whether the committing agent is the tool configured: "Claude" writing Claude Code's settings. */
    public static boolean isOwn(String author, String tool) {
        if (author == null || tool == null) {
            return false;
        }
        String first = author.toLowerCase(Locale.ROOT).replaceAll("\\[bot]", "").split("[^a-z0-9]+")[0];
        return first.length() >= 3 && tool.toLowerCase(Locale.ROOT).contains(first);
    }
}
