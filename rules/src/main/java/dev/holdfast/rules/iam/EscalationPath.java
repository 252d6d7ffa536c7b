package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Severity;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A privilege-escalation method: a set of actions that together let a principal gain more access (data from
 * {@code privesc-paths.yml}).
 *
 * @param requires all of these must be granted
 * @param source   where the method is documented ("Rhino Security Labs", "pathfinding.cloud iam-001")
 */
public record EscalationPath(String id, String name, Severity severity, String description, String source,
                             List<Requirement> requires) {

    public EscalationPath {
        requires = List.copyOf(requires);
    }

    /**
     * One required action.
     *
     * @param action          "iam:PassRole"
     * @param resource        a resource pattern the grant must overlap, or null for any resource
     * @param passedToService for iam:PassRole: the service the role is passed to; a grant whose iam:PassedToService
     *                        condition excludes it does not count. Null when not relevant.
     */
    public record Requirement(String action, String resource, String passedToService) {
    }

    /** The combination as people write it: "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction". */
    public String combination() {
        return requires.stream().map(Requirement::action).collect(Collectors.joining(" + "));
    }
}
