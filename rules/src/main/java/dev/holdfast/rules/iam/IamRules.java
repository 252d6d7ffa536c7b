package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;

import java.util.List;

/** The rule ids the IAM analyser reports, with their metadata for `holdfast rules` and SARIF. */
public final class IamRules {
    public static final String ADMIN = "iam-admin-wildcard";
    public static final String NOT_ACTION = "iam-notaction-allow";
    public static final String SERVICE_WILDCARD = "iam-service-wildcard";
    public static final String PASSROLE = "iam-passrole-unconstrained";
    public static final String CREDENTIALS = "iam-credentials-exposure";
    public static final String EXFILTRATION = "iam-data-exfiltration";
    public static final String ESCALATION = "iam-privilege-escalation";
    public static final String GRANT = "iam-grant";
    public static final String TRUST_ANY = "iam-trust-any-principal";
    public static final String TRUST_OIDC = "iam-trust-oidc-no-sub";

    private IamRules() {
    }

    public static List<RuleInfo> all() {
        return List.of(
                rule(ADMIN, "Full administrator grant", "Allow of every action (*) on every resource.",
                        Severity.CRITICAL, "Grant only the actions and resources the identity needs."),
                rule(NOT_ACTION, "Allow with NotAction", "An Allow statement with NotAction grants every action "
                        + "except the listed ones, including any AWS adds later.", Severity.HIGH,
                        "List the allowed actions instead of the excluded ones."),
                rule(SERVICE_WILDCARD, "Service wildcard on write or permissions actions",
                        "A wildcard action (e.g. s3:*, iam:Put*) that covers write or permissions-management actions.",
                        Severity.HIGH, "Replace the wildcard with the actions the identity uses."),
                rule(PASSROLE, "Unconstrained iam:PassRole", "iam:PassRole on every role without an "
                        + "iam:PassedToService condition lets the holder give any role to any service.",
                        Severity.HIGH, "Limit Resource to the roles to pass and add an iam:PassedToService condition."),
                rule(CREDENTIALS, "Credentials-exposure action on every resource",
                        "Actions that mint or reveal credentials (access keys, passwords, secrets, tokens).",
                        Severity.HIGH, "Scope these actions to named resources or remove them."),
                rule(EXFILTRATION, "Data-exfiltration action on every resource",
                        "Bulk data reads (s3:GetObject, dynamodb:Scan, kms:Decrypt…) on every resource.",
                        Severity.MEDIUM, "Scope data reads to the buckets, tables and keys the identity needs."),
                rule(ESCALATION, "Privilege-escalation path", "A combination of granted actions that lets the "
                        + "holder gain more privileges (Rhino Security Labs methods, pathfinding.cloud paths).",
                        Severity.HIGH, "Remove one action of the combination or pin it to named resources."),
                rule(TRUST_ANY, "Role any principal may assume", "A trust policy whose principal is * (or "
                        + "NotPrincipal) with no condition pinning the caller's account or organisation.",
                        Severity.CRITICAL, "Name the trusted principals or add aws:PrincipalOrgID / sts:ExternalId."),
                rule(TRUST_OIDC, "OIDC trust without a subject", "A role federated to an OIDC provider (e.g. GitHub "
                        + "Actions) with no sub condition, or one that matches any subject.", Severity.HIGH,
                        "Pin the sub claim to the repository and branch or environment."),
                rule(GRANT, "Effective IAM grant", "One effective permission (action x resource) of a policy, "
                        + "tracked against the baseline to report privilege creep.", Severity.INFO,
                        "Review the added grant; narrow it if it is not needed."));
    }

    private static RuleInfo rule(String id, String title, String description, Severity severity, String fix) {
        return new RuleInfo(id, title, description, Category.PRIVILEGE, severity, fix, List.of("iam", "aws"));
    }
}
