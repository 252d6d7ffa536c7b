package dev.holdfast.remediator.narrowing;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.remediator.FileEdit;
import dev.holdfast.remediator.Fix;
import dev.holdfast.remediator.ManualRemediation;
import dev.holdfast.remediator.Strategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns least-privilege suggestions ({@code aws-unused-grant} findings of a cloud report whose principal {@code --repo}
 * linked to its Terraform definition) into narrowings of that file: in the inline policies attached to the principal
 * ({@code aws_iam_user_policy} / {@code aws_iam_role_policy} whose {@code user} / {@code role} is the principal's
 * resource or its name, the document written with {@code jsonencode}), the actions of the services it did not use are
 * removed, and a statement left without actions goes. Only ever removes: an action list it cannot read, a wildcard,
 * or a policy that would lose every statement is left to a person.
 */
public final class TerraformNarrowing {
    public static final String RULE = "aws-unused-grant";
    private static final Pattern RESOURCE = Pattern.compile("resource\\s+\"([a-z0-9_]+)\"\\s+\"([^\"]+)\"\\s*\\{");
    private static final Pattern ACTION = Pattern.compile("(?<![A-Za-z_])(Action|actions)\\s*=\\s*");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    /** The narrowings, and the suggestions a person has to apply (with why). */
    public record Plan(List<Fix> fixes, List<ManualRemediation> manual) {
    }

    private TerraformNarrowing() {
    }

    /** @param suggestions findings of a cloud report; those not {@value #RULE} or not linked to a .tf file are skipped */
    public static Plan plan(Path root, String headCommit, List<Finding> suggestions) throws IOException {
        List<Fix> fixes = new ArrayList<>();
        List<ManualRemediation> manual = new ArrayList<>();
        for (Finding f : suggestions) {
            if (!RULE.equals(f.ruleId()) || f.location() == null || f.location().path() == null) {
                continue;
            }
            String path = f.location().path();
            Path file = root.resolve(path).normalize();
            if (!path.endsWith(".tf") || !file.startsWith(root) || !Files.isRegularFile(file)) {
                manual.add(new ManualRemediation(f, "its definition " + path + " is not a Terraform file here; "
                        + "remove " + f.properties().getOrDefault("unusedGrants", "the unused grants") + " by hand"));
                continue;
            }
            Set<String> unused = new TreeSet<>(Arrays.asList(f.properties().getOrDefault("unusedServices", "")
                    .split(",")));
            unused.remove("");
            if (unused.isEmpty()) {
                manual.add(new ManualRemediation(f, "it may do anything (*): "
                        + f.properties().getOrDefault("suggestion", "scope it to what it uses")
                        + " — which actions is a person's choice"));
                continue;
            }
            String type = f.properties().getOrDefault("principalType", "");
            String name = f.properties().get("principal");
            byte[] before = Files.readAllBytes(file);
            Result r = narrow(new String(before, StandardCharsets.UTF_8), type, name, unused);
            if (r.text() == null) {
                manual.add(new ManualRemediation(f, r.note()));
                continue;
            }
            String reason = "removes " + name + "'s grants on " + String.join(", ", r.removedServices())
                    + ", which it did not use in " + f.properties().getOrDefault("windowDays", "?") + " days ("
                    + f.properties().getOrDefault("evidence", "activity logs") + ")";
            List<String> notes = new ArrayList<>();
            notes.add("Removed actions: " + String.join(", ", r.removed()));
            notes.add("Judged from " + f.properties().getOrDefault("windowDays", "?") + " days of activity: a task "
                    + "that runs less often than that would lose access; check before merging");
            fixes.add(new Fix(List.of(f), List.of(new FileEdit(path, before, r.text().getBytes(StandardCharsets.UTF_8))),
                    Strategy.RULE_FIXER, null, reason, headCommit, notes));
        }
        return new Plan(fixes, manual);
    }

    /** The narrowed text (null when nothing could be narrowed, with why), the actions and services removed. */
    record Result(String text, String note, List<String> removed, Set<String> removedServices) {
    }

    static Result narrow(String text, String type, String name, Set<String> unused) {
        String label = label(text, type, name);
        List<int[]> policies = new ArrayList<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("aws_iam_" + type + "_policy")) {
                continue;
            }
            int end = close(text, m.end() - 1);
            String body = text.substring(m.end(), end);
            Matcher ref = Pattern.compile("(?m)^\\s*" + type + "\\s*=\\s*(\\S+)").matcher(body);
            if (ref.find() && refers(ref.group(1), type, label, name)) {
                policies.add(new int[]{m.end(), end});
            }
        }
        if (policies.isEmpty()) {
            return new Result(null, "no inline policy of " + type + " " + name + " in this file (aws_iam_" + type
                    + "_policy with jsonencode); remove its unused grants by hand", List.of(), Set.of());
        }
        StringBuilder out = new StringBuilder(text);
        List<String> removed = new ArrayList<>();
        Set<String> services = new TreeSet<>();
        // right to left, so that earlier offsets stay valid
        for (int p = policies.size() - 1; p >= 0; p--) {
            int[] span = policies.get(p);
            String body = out.substring(span[0], span[1]);
            String narrowed = narrowPolicy(body, unused, removed, services);
            if (narrowed == null) {
                return new Result(null, "every statement of " + name + "'s policy would go; remove the policy "
                        + "resource by hand if that is meant", List.of(), Set.of());
            }
            out.replace(span[0], span[1], narrowed);
        }
        if (removed.isEmpty()) {
            return new Result(null, "the policies of " + type + " " + name + " in this file grant nothing on "
                    + String.join(", ", unused) + " (the live grant came from elsewhere); remove it there",
                    List.of(), Set.of());
        }
        return new Result(out.toString(), null, removed, services);
    }

    /** One policy body, its unused actions removed; null when no statement would be left. */
    private static String narrowPolicy(String body, Set<String> unused, List<String> removed, Set<String> services) {
        StringBuilder b = new StringBuilder(body);
        List<Integer> starts = new ArrayList<>();
        Matcher a = ACTION.matcher(body);
        while (a.find()) {
            starts.add(a.end());
        }
        int statements = 0;
        int emptied = 0;
        for (int i = starts.size() - 1; i >= 0; i--) {
            int at = starts.get(i);
            statements++;
            int end;
            List<String> actions = new ArrayList<>();
            if (b.charAt(at) == '[') {
                end = b.indexOf("]", at) + 1;
                Matcher s = STRING.matcher(b.substring(at, end));
                while (s.find()) {
                    actions.add(s.group(1));
                }
            } else if (b.charAt(at) == '"') {
                end = b.indexOf("\"", at + 1) + 1;
                actions.add(b.substring(at + 1, end - 1));
            } else {
                continue; // a variable or a function: not ours to rewrite
            }
            List<String> keep = new ArrayList<>();
            for (String act : actions) {
                int c = act.indexOf(':');
                if (c > 0 && unused.contains(act.substring(0, c))) {
                    removed.add(act);
                    services.add(act.substring(0, c));
                } else {
                    keep.add(act);
                }
            }
            if (keep.size() == actions.size()) {
                continue;
            }
            if (!keep.isEmpty()) {
                b.replace(at, end, "[" + String.join(", ", keep.stream().map(k -> "\"" + k + "\"").toList()) + "]");
                continue;
            }
            emptied++;
            int open = enclosing(b, at);
            int close = close(b, open);
            int from = open;
            int to = close + 1;
            int next = skipSpace(b, to);
            if (next < b.length() && b.charAt(next) == ',') {
                to = skipSpace(b, next + 1);
                if (to < b.length() && b.charAt(to) == '\n') {
                    to++; // the statement had its own line(s): they go whole
                    from = lineStart(b, from);
                }
            } else {
                int prev = from - 1;
                while (prev >= 0 && Character.isWhitespace(b.charAt(prev))) {
                    prev--;
                }
                if (prev >= 0 && b.charAt(prev) == ',') {
                    from = prev;
                }
            }
            b.delete(from, to);
        }
        return statements > 0 && emptied == statements ? null : b.toString();
    }

    /** The Terraform resource label defining the principal ({@code report_agent} of aws_iam_user "report_agent"). */
    private static String label(String text, String type, String name) {
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("aws_iam_" + type)) {
                String body = text.substring(m.end(), close(text, m.end() - 1));
                Matcher n = Pattern.compile("(?m)^\\s*name\\s*=\\s*\"([^\"]+)\"").matcher(body);
                if (n.find() && n.group(1).equals(name)) {
                    return m.group(2);
                }
            }
        }
        return null;
    }

    private static boolean refers(String value, String type, String label, String name) {
        return value.equals("\"" + name + "\"") || (label != null
                && (value.equals("aws_iam_" + type + "." + label + ".name")
                || value.equals("aws_iam_" + type + "." + label + ".id")));
    }

    /** The index of the brace closing the one at {@code open}, skipping strings. */
    private static int close(CharSequence s, int open) {
        int depth = 0;
        boolean str = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (str) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    str = false;
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }

    /** The brace that opens the object around {@code at}. */
    private static int enclosing(CharSequence s, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '}') {
                depth++;
            } else if (c == '{') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return 0;
    }

    private static int skipSpace(CharSequence s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int lineStart(CharSequence s, int i) {
        int j = i;
        while (j > 0 && (s.charAt(j - 1) == ' ' || s.charAt(j - 1) == '\t')) {
            j--;
        }
        return j > 0 && s.charAt(j - 1) == '\n' ? j : i;
    }
}
