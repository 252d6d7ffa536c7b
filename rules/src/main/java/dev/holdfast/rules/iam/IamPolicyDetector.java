package dev.holdfast.rules.iam;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reports IAM policy risks in raw policy JSON files, and (through {@link #analyze}) in policies other detectors find
 * embedded in Terraform or CloudFormation. Besides the issues, it emits one {@code iam-grant} detection per effective
 * grant, marked {@code tracked=grant}: the scan shows those only against a baseline, where an added grant is privilege
 * creep and a grant that an earlier narrowing removed is a regression.
 *
 * <p>Subjects are value-like and stable: {@code <policy identity>|<key>}, e.g. {@code iam/deploy.json|privesc:lambda-001}
 * or {@code iam/deploy.json|grant:iam:PassRole|*}; the policy identity is the file path or the resource address.
 */
public final class IamPolicyDetector implements Detector {
    /** Null until the first policy: a scan without policy files never loads the catalogue. */
    private final PolicyAnalyzer analyzer;

    public IamPolicyDetector() {
        this(null);
    }

    /** @param analyzer the engine to use, or null for {@link PolicyAnalyzer#standard()} (loaded on first use) */
    public IamPolicyDetector(PolicyAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    private PolicyAnalyzer analyzer() {
        return analyzer != null ? analyzer : PolicyAnalyzer.standard();
    }

    @Override
    public String name() {
        return "iam-policy";
    }

    @Override
    public List<RuleInfo> rules() {
        return IamRules.all();
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!document.path().toLowerCase(Locale.ROOT).endsWith(".json") || document.content().length > 2_000_000) {
            return List.of();
        }
        String text = document.text();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as editors on Windows write it
        }
        if (!PolicyDocument.looksLikePolicy(text)) {
            return List.of();
        }
        return analyze(document.path(), 1, document.path(), text, true);
    }

    /**
     * Analyses a policy document embedded in another file (Terraform {@code jsonencode}/heredoc, CloudFormation
     * {@code PolicyDocument}) with the same engine.
     *
     * @param path           the file the policy sits in (for messages)
     * @param baseLine       the 1-based line of that file where {@code json} starts, so findings point into the file
     * @param policyIdentity what the findings are keyed on, e.g. {@code aws_iam_policy.deploy} or
     *                       {@code infra/main.tf#aws_iam_policy.deploy}; stable across edits of the file
     * @param json           the policy JSON
     * @throws DetectorException with a one-line reason when the policy is malformed
     */
    public List<Detection> analyze(String path, int baseLine, String policyIdentity, String json) {
        return analyze(path, baseLine, policyIdentity, json, false);
    }

    /**
     * Analyses a policy that another detector extracted and re-serialised (so its own line numbers mean nothing), with
     * the line of each statement in the source file, in order; statements beyond the list keep {@code fallbackLine}.
     *
     * @throws DetectorException with a one-line reason when the policy is malformed
     */
    public List<Detection> analyze(String path, String policyIdentity, String json, List<Integer> statementLines,
                                   int fallbackLine) {
        PolicyDocument doc;
        try {
            doc = PolicyDocument.parse(json);
        } catch (PolicyParseException e) {
            throw new DetectorException(path + ": " + e.getMessage());
        }
        List<Statement> relined = new java.util.ArrayList<>();
        for (Statement s : doc.statements()) {
            int line = s.index() < statementLines.size() ? statementLines.get(s.index()) : fallbackLine;
            relined.add(new Statement(s.sid(), s.allow(), s.actions(), s.notAction(), s.resources(), s.notResource(),
                    s.principals(), s.notPrincipal(), s.conditions(), Math.max(line, 1), s.index()));
        }
        return toDetections(analyzer().analyze(policyIdentity, new PolicyDocument(doc.version(), relined)), null);
    }

    private List<Detection> analyze(String path, int baseLine, String identity, String json, boolean sniffed) {
        PolicyDocument doc;
        try {
            doc = PolicyDocument.parse(json, baseLine);
        } catch (NotAPolicyException e) {
            if (sniffed) {
                return List.of(); // JSON that mentions Statement somewhere deeper, e.g. a CloudFormation template
            }
            throw new DetectorException(path + ": " + e.getMessage());
        } catch (PolicyParseException e) {
            throw new DetectorException(path + ": " + e.getMessage());
        }
        return toDetections(analyzer().analyze(identity, doc), null);
    }

    /**
     * Turns an analysis into detections. {@code subjectPrefix} replaces each issue's policy identity in the subject
     * when not null: a cloud principal analysed over several policies keys its findings on the principal's ARN.
     */
    public static List<Detection> toDetections(PolicyAnalysis analysis, String subjectPrefix) {
        List<Detection> out = new ArrayList<>();
        for (PolicyIssue i : analysis.issues()) {
            Map<String, String> props = new LinkedHashMap<>(i.properties());
            props.put("policy", i.policy());
            String prefix = subjectPrefix == null ? i.policy() : subjectPrefix;
            out.add(new Detection(i.ruleId(), Category.PRIVILEGE, i.severity(), i.message(),
                    firstLine(FindingProperty.LINES.get(i.properties()), i.line()), 1,
                    prefix + "|" + i.key(), evidence(i), i.remediation(), props));
        }
        for (Grant g : analysis.grants()) {
            Map<String, String> props = new LinkedHashMap<>();
            FindingProperty.TRACKED.put(props, FindingProperty.TRACKED_GRANT);
            props.put("accessLevel", g.level().label());
            props.put("action", g.action());
            FindingProperty.RESOURCE.put(props, g.resource());
            props.put("policy", g.policy());
            FindingProperty.LINES.put(props, List.copyOf(g.lines()));
            if (g.actionCount() > 1) {
                props.put("actionCount", String.valueOf(g.actionCount()));
            }
            if (g.conditional()) {
                props.put("conditional", "true");
            }
            if (g.requiresMfa()) {
                props.put("mfaRequired", "true");
            }
            if (!g.escalations().isEmpty()) {
                props.put("completesEscalation", String.join(",", g.escalations()));
            }
            String prefix = subjectPrefix == null ? g.policy() : subjectPrefix;
            out.add(new Detection(IamRules.GRANT, Category.PRIVILEGE, g.level().grantSeverity(), grantMessage(g),
                    g.lines().get(0), 1, prefix + "|grant:" + g.key(), g.action() + " on " + g.resource(),
                    "Review the added grant; narrow it to the actions and resources in use if it is not needed.",
                    props));
        }
        return out;
    }

    /** Findings point at the first line that makes them (the action as written), else at the statement. */
    private static int firstLine(List<Integer> lines, int fallback) {
        return lines == null || lines.isEmpty() ? fallback : lines.get(0);
    }

    static String grantMessage(Grant g) {
        StringBuilder m = new StringBuilder("grants ").append(g.action()).append(" on ").append(g.resource());
        if (g.actionCount() > 1) {
            m.append(" (").append(g.actionCount()).append(" actions)");
        }
        m.append("; access level ").append(g.level().label());
        if (g.escalations().isEmpty()) {
            m.append("; completes no escalation path");
        } else {
            m.append("; completes privilege escalation ").append(String.join(", ", g.escalations()));
        }
        if (g.conditional()) {
            m.append("; under a Condition");
        }
        return m.toString();
    }

    private static String evidence(PolicyIssue i) {
        String actions = i.properties().get("actions");
        return actions == null ? i.key() : actions;
    }
}
