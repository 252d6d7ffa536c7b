package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The escalation data is consistent with the catalogue and covers the documented methods. */
class EscalationPathsTest {
    private final List<EscalationPath> paths = EscalationPaths.bundled();
    private final ActionCatalogue catalog = ActionCatalogue.bundled();

    @Test
    void everyRequiredActionExistsInTheCatalogue() {
        for (EscalationPath p : paths) {
            assertThat(p.requires()).as(p.id()).isNotEmpty();
            for (EscalationPath.Requirement r : p.requires()) {
                assertThat(catalog.find(r.action())).as(p.id() + " " + r.action()).isPresent();
            }
            assertThat(p.severity()).as(p.id()).isIn(Severity.HIGH, Severity.CRITICAL);
        }
    }

    @Test
    void idsAreUniqueAndRhinoMethodsAreCovered() {
        Set<String> ids = paths.stream().map(EscalationPath::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(paths.size());
        assertThat(paths.stream().filter(p -> p.source().contains("Rhino")).count()).isGreaterThanOrEqualTo(22);
        Set<String> combos = paths.stream().map(EscalationPath::combination).collect(Collectors.toSet());
        assertThat(combos).contains("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
                "iam:PassRole + ec2:RunInstances", "iam:CreateAccessKey", "iam:CreateLoginProfile",
                "iam:UpdateLoginProfile", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
                "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:AddUserToGroup",
                "iam:UpdateAssumeRolePolicy", "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
                "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping", "lambda:UpdateFunctionCode",
                "iam:PassRole + glue:CreateDevEndpoint", "glue:UpdateDevEndpoint",
                "iam:PassRole + cloudformation:CreateStack",
                "iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition"
                        + " + datapipeline:ActivatePipeline");
        assertThat(ids.stream().filter(i -> i.matches("[a-z-]+-\\d{3}")).count()).as("pathfinding.cloud ids")
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void eachSingleActionPathIsFoundAloneAndNotWithoutIt() {
        PolicyAnalyzer analyzer = PolicyAnalyzer.standard();
        for (EscalationPath p : paths) {
            String actions = p.requires().stream().map(r -> "\"" + r.action() + "\"")
                    .collect(Collectors.joining(","));
            PolicyAnalysis full = analyze(analyzer, actions);
            assertThat(full.escalations()).as(p.id()).contains(p.id());
            if (p.requires().size() > 1) {
                String missingOne = p.requires().stream().skip(1).map(r -> "\"" + r.action() + "\"")
                        .collect(Collectors.joining(","));
                assertThat(analyze(analyzer, missingOne).escalations()).as(p.id() + " without its first action")
                        .doesNotContain(p.id());
            }
        }
    }

    private static PolicyAnalysis analyze(PolicyAnalyzer analyzer, String actions) {
        try {
            return analyzer.analyze("p.json", PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}"));
        } catch (PolicyParseException e) {
            throw new AssertionError(e);
        }
    }
}
