package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.iac.EmbeddedPolicy;
import dev.holdfast.rules.iac.IacPolicies;
import dev.holdfast.rules.iam.IamPolicyDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the IAM policy engine on identity and resource policies embedded in Terraform and CloudFormation, keyed on
 * the resource that holds them so that grants and escalation paths are tracked across edits of the file. Trust
 * policies are judged by the IaC detectors themselves.
 */
public final class EmbeddedPolicyDetector implements Detector {
    private final IamPolicyDetector engine;

    public EmbeddedPolicyDetector(IamPolicyDetector engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "embedded-iam-policy";
    }

    @Override
    public List<Detection> detect(Document document) {
        List<EmbeddedPolicy> policies = IacPolicies.extract(document);
        if (policies.isEmpty()) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        DetectorException failure = null;
        for (EmbeddedPolicy p : policies) {
            if ("trust".equals(p.kind())) {
                continue;
            }
            try {
                // The JSON is re-serialised: its own lines mean nothing, the statements' lines in the file do.
                out.addAll(engine.analyze(p.path(), p.path() + "#" + p.resourceAddress() + "." + p.attribute(),
                        p.json(), p.statementLines(), p.line()));
            } catch (DetectorException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new DetectorException(failure.getMessage(), failure, out);
        }
        return out;
    }
}
