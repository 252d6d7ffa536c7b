package dev.holdfast.rules.iam;

import java.util.List;

/**
 * One IAM action of the catalogue.
 *
 * @param service       the service prefix ("iam")
 * @param name          the action name as AWS spells it ("PassRole")
 * @param level         the access level, after this project's permissions-management overrides
 * @param resourceTypes resource type names; a trailing '*' marks a required one
 */
public record ActionInfo(String service, String name, AccessLevel level, List<String> resourceTypes) {

    /** "service:Name", the form policies use. */
    public String id() {
        return service + ":" + name;
    }
}
