package dev.holdfast.rules.workflow;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.support.SelfTesting;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.support.RuleBook;
import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.holdfast.rules.support.YamlNodes.entries;
import static dev.holdfast.rules.support.YamlNodes.entry;
import static dev.holdfast.rules.support.YamlNodes.get;
import static dev.holdfast.rules.support.YamlNodes.items;
import static dev.holdfast.rules.support.YamlNodes.keyText;
import static dev.holdfast.rules.support.YamlNodes.scalar;

/**
 * GitHub Actions workflows ({@code .github/workflows/*.yml}). Subjects are "job|action|step|issue" rather than
 * values or lines, so a finding keeps its fingerprint when the workflow is reformatted or steps move.
 */
public final class WorkflowDetector implements Detector, SelfTesting {
    private static final Pattern PATH = Pattern.compile("(^|.*/)\\.github/workflows/[^/]+\\.ya?ml$");
    /** Composite actions (action.yml) run steps too, with the caller's credentials. */
    private static final Pattern ACTION = Pattern.compile("(^|.*/)action\\.ya?ml$");
    private static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/workflow/rules.yml");

    private final WorkflowCatalogue catalogue = WorkflowCatalogue.load();

    @Override
    public String name() {
        return "workflow";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all();
    }

    public static boolean applies(String path) {
        return PATH.matcher(path).matches() || ACTION.matcher(path).matches();
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!applies(document.path())) {
            return List.of();
        }
        Node root = YamlNodes.parse(document.text(), document.path());
        if (!(root instanceof MappingNode)) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        if (!PATH.matcher(document.path()).matches()) {
            // A composite action: its steps are judged like a job's ("action" stands for the job id).
            Node runs = get(root, "runs");
            if ("composite".equals(scalar(get(runs, "using")))) {
                checkEnv(get(runs, "env"), "action", "action", out);
                checkSteps("action", get(runs, "steps"), false, out);
            }
            return out;
        }
        boolean prTarget = triggers(get(root, "on")).contains("pull_request_target");
        NodeTuple workflowPermissions = entry(root, "permissions");
        checkWriteAll(workflowPermissions, "*", usesCloudAnywhere(root), out);
        checkEnv(get(root, "env"), "*", "workflow", out);
        for (NodeTuple job : entries(get(root, "jobs"))) {
            String jobId = keyText(job);
            Node body = job.getValueNode();
            boolean cloud = usesCloud(body);
            NodeTuple jobPermissions = entry(body, "permissions");
            checkWriteAll(jobPermissions, jobId, cloud, out);
            if (cloud && jobPermissions == null && workflowPermissions == null) {
                out.add(RULES.detection("workflow-missing-permissions",
                        "Job '" + jobId + "' logs in to a cloud but neither it nor the workflow declares permissions",
                        YamlNodes.line(job.getKeyNode()), YamlNodes.column(job.getKeyNode()),
                        jobId + "|permissions|missing", jobId, Map.of("job", jobId)));
            }
            checkEnv(get(body, "env"), jobId, "job", out);
            // A reusable-workflow call handing cloud keys over as secrets is the same static key.
            checkEnv(get(body, "secrets"), jobId, "secrets", out);
            checkSteps(jobId, get(body, "steps"), prTarget, out);
        }
        return out;
    }

    private void checkSteps(String jobId, Node steps, boolean prTarget, List<Detection> out) {
        for (Node step : items(steps)) {
            String stepKey = stepKey(step);
            checkEnv(get(step, "env"), jobId, stepKey, out);
            String uses = scalar(get(step, "uses"));
            if (uses == null) {
                continue;
            }
            String action = actionName(uses);
            for (WorkflowCatalogue.Action a : catalogue.actions()) {
                if (!a.uses().equalsIgnoreCase(action)) {
                    continue;
                }
                for (String input : a.staticInputs()) {
                    NodeTuple with = entry(get(step, "with"), input);
                    if (with != null) {
                        out.add(RULES.detection(a.rule(),
                                "Job '" + jobId + "' passes static credentials (" + input + ") to " + action
                                        + " instead of OIDC federation",
                                YamlNodes.line(with.getKeyNode()), YamlNodes.column(with.getKeyNode()),
                                jobId + "|" + action + "|" + stepKey + "|" + input, action + " " + input,
                                Map.of("job", jobId, "action", action, "input", input)));
                    }
                }
            }
            if (prTarget && action.equalsIgnoreCase("actions/checkout")) {
                Node ref = get(get(step, "with"), "ref");
                String refText = scalar(ref);
                if (refText != null && catalogue.prHeadRefs().stream().anyMatch(refText::contains)) {
                    out.add(RULES.detection("workflow-pull-request-target-checkout",
                            "Job '" + jobId + "' runs on pull_request_target and checks out the pull request head",
                            YamlNodes.line(ref), YamlNodes.column(ref),
                            jobId + "|" + action + "|" + stepKey + "|pr-head", refText, Map.of("job", jobId)));
                }
            }
        }
    }

    private void checkWriteAll(NodeTuple permissions, String jobId, boolean cloud, List<Detection> out) {
        if (permissions == null) {
            return;
        }
        String value = scalar(permissions.getValueNode());
        if (value != null && value.trim().equalsIgnoreCase("write-all")) {
            Node n = permissions.getValueNode();
            String where = jobId.equals("*") ? "The workflow" : "Job '" + jobId + "'";
            out.add(RULES.detection("workflow-permissions-write-all", cloud ? Severity.HIGH : null,
                    where + " grants the GITHUB_TOKEN write-all permissions" + (cloud ? " next to cloud credentials" : ""),
                    YamlNodes.line(n), YamlNodes.column(n), jobId + "|permissions|write-all", "write-all",
                    Map.of("job", jobId)));
        }
    }

    private void checkEnv(Node env, String jobId, String scope, List<Detection> out) {
        for (NodeTuple e : entries(env)) {
            String key = keyText(e);
            if (key == null || !catalogue.envKeys().contains(key.toUpperCase(Locale.ROOT))) {
                continue;
            }
            String value = scalar(e.getValueNode());
            if (value == null || value.isBlank()) {
                continue;
            }
            boolean fromSecret = value.contains("secrets.");
            out.add(RULES.detection("workflow-static-cloud-env",
                    (jobId.equals("*") ? "The workflow" : "Job '" + jobId + "'") + " sets " + key
                            + (fromSecret ? " from a repository secret" : " to a literal value") + " in env",
                    YamlNodes.line(e.getKeyNode()), YamlNodes.column(e.getKeyNode()),
                    jobId + "|env|" + scope + "|" + key, key,
                    Map.of("job", jobId, "variable", key, "source", fromSecret ? "secret" : "literal")));
        }
    }

    private boolean usesCloudAnywhere(Node root) {
        if (hasCloudEnv(get(root, "env"))) {
            return true;
        }
        for (NodeTuple job : entries(get(root, "jobs"))) {
            if (usesCloud(job.getValueNode())) {
                return true;
            }
        }
        return false;
    }

    /** Does the job log in to a cloud (a login action, or cloud key variables)? */
    private boolean usesCloud(Node job) {
        if (hasCloudEnv(get(job, "env")) || hasCloudEnv(get(job, "secrets"))) {
            return true;
        }
        for (Node step : items(get(job, "steps"))) {
            String uses = scalar(get(step, "uses"));
            if (uses != null && catalogue.actions().stream().anyMatch(a -> a.uses().equalsIgnoreCase(actionName(uses)))) {
                return true;
            }
            if (hasCloudEnv(get(step, "env"))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasCloudEnv(Node env) {
        return entries(env).stream().map(YamlNodes::keyText)
                .anyMatch(k -> k != null && catalogue.envKeys().contains(k.toUpperCase(Locale.ROOT)));
    }

    private static List<String> triggers(Node on) {
        if (on instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        List<String> out = new ArrayList<>();
        items(on).forEach(n -> out.add(scalar(n)));
        entries(on).forEach(t -> out.add(keyText(t)));
        return out;
    }

    private static String stepKey(Node step) {
        String id = scalar(get(step, "id"));
        if (id != null) {
            return id;
        }
        String name = scalar(get(step, "name"));
        return name == null ? "" : name;
    }

    /** "owner/repo@ref" → "owner/repo": the fingerprint survives version bumps. */
    static String actionName(String uses) {
        int at = uses.indexOf('@');
        return (at < 0 ? uses : uses.substring(0, at)).trim();
    }

    @Override
    public RuleTestReport testRules() {
        return RULES.test(this);
    }
}
