package dev.holdfast.remediator.fixers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions workflows: puts OIDC federation back where static AWS keys came back. In the
 * {@code aws-actions/configure-aws-credentials} step the key inputs are replaced by {@code role-to-assume} (the role
 * the fix commit used), and the workflow gets {@code permissions: id-token: write}. Without a known role this is
 * manual: inventing a role ARN would break the pipeline.
 */
public final class WorkflowOidcFixer implements RuleFixer {
    private static final Pattern KEY_INPUT = Pattern.compile(
            "^(\\s*)(aws-access-key-id|aws-secret-access-key|aws-session-token)\\s*:.*$");
    private static final Pattern ROLE = Pattern.compile("^\\s*role-to-assume\\s*:\\s*(.+?)\\s*$", Pattern.MULTILINE);

    @Override
    public String name() {
        return "workflow-oidc";
    }

    @Override
    public boolean handles(FixContext context) {
        String p = context.path();
        return p.startsWith(".github/workflows/") && (p.endsWith(".yml") || p.endsWith(".yaml"));
    }

    @Override
    public FixerOutcome fix(FixContext context) {
        String fixed = context.fixVersionText();
        Matcher role = fixed == null ? null : ROLE.matcher(fixed);
        if (role == null || !role.find()) {
            return FixerOutcome.refused("the fix commit names no role-to-assume to federate with");
        }
        String head = context.headText();
        String eol = head.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(head.split("\r?\n", -1)));
        boolean inStep = false;
        String roleIndent = null;
        int insertAt = -1;
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.contains("aws-actions/configure-aws-credentials")) {
                inStep = true;
            } else if (line.stripLeading().startsWith("- ")) {
                inStep = false;
            }
            Matcher m = KEY_INPUT.matcher(line);
            if (inStep && m.matches()) {
                if (roleIndent == null) {
                    roleIndent = m.group(1);
                    insertAt = out.size();
                }
                continue;
            }
            out.add(line);
        }
        if (roleIndent == null) {
            return FixerOutcome.refused("no configure-aws-credentials step with static keys");
        }
        if (!head.contains("role-to-assume")) {
            out.add(insertAt, roleIndent + "role-to-assume: " + role.group(1));
        }
        if (!head.contains("id-token: write")) {
            addIdTokenPermission(out);
        }
        return FixerOutcome.changed(String.join(eol, out),
                "assumes the role through OIDC (id-token: write) instead of static AWS keys");
    }

    /** Under an existing top-level permissions block, else a new one before {@code jobs:}. */
    private static void addIdTokenPermission(List<String> out) {
        for (int i = 0; i < out.size(); i++) {
            String l = out.get(i);
            if (l.equals("permissions:")) {
                out.add(i + 1, "  id-token: write");
                return;
            }
            if (l.startsWith("permissions:")) {
                // A scalar such as read-all cannot take an extra scope; leave it to the verifier and reviewer.
                return;
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("jobs:")) {
                out.add(i, "permissions:");
                out.add(i + 1, "  id-token: write");
                out.add(i + 2, "  contents: read");
                out.add(i + 3, "");
                return;
            }
        }
    }
}
