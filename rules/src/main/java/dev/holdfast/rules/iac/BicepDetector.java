package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.support.TextPositions;
import dev.holdfast.rules.support.Thresholds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/**
 * Bicep, read with a light lexical scan (there is no Bicep parser for Java): resource declarations and their brace
 * bodies, string variables, {@code targetScope}. Covers role assignments and passwordCredentials like the ARM
 * detector; anything it cannot read it leaves alone rather than guess.
 */
public final class BicepDetector implements Detector {
    private static final Pattern RESOURCE = Pattern.compile(
            "(?m)^\\s*resource\\s+(\\w+)\\s+'([^'@]+)@[^']*'\\s*(?:existing\\s*)?=\\s*(?:if\\s*\\([^\\n]*?\\)\\s*)?\\{");
    private static final Pattern TARGET_SCOPE = Pattern.compile("(?m)^\\s*targetScope\\s*=\\s*'(\\w+)'");
    private static final Pattern VAR = Pattern.compile("(?m)^\\s*(?:var|param)\\s+(\\w+)\\s*(?:string\\s*)?=\\s*'([^']*)'");
    private static final Pattern END_DATE = Pattern.compile("endDateTime\\s*:\\s*'([^']*)'");

    private final SecretLifetime lifetime;

    public BicepDetector(Clock clock, Map<String, String> thresholds) {
        this.lifetime = new SecretLifetime(clock, Thresholds.get(thresholds, TerraformDetector.MAX_SECRET_DAYS, 180));
    }

    @Override
    public String name() {
        return "bicep";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all().stream().filter(r -> r.id().startsWith("iac-azure-")).toList();
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!document.path().endsWith(".bicep")) {
            return List.of();
        }
        String text = document.text();
        TextPositions pos = new TextPositions(text);
        Matcher ts = TARGET_SCOPE.matcher(text);
        String targetScope = !ts.find() ? null : switch (ts.group(1)) {
            case "subscription" -> "subscription";
            case "managementGroup" -> "management group";
            case "tenant" -> "tenant";
            default -> null;
        };
        Map<String, String> vars = new HashMap<>();
        Matcher v = VAR.matcher(text);
        while (v.find()) {
            vars.put(v.group(1), v.group(2));
        }
        List<Detection> out = new ArrayList<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            int open = m.end() - 1;
            int close = closing(text, open);
            String body = text.substring(open, close);
            String symbol = m.group(1);
            if (m.group(2).equalsIgnoreCase("Microsoft.Authorization/roleAssignments")) {
                Optional<String> roleDef = property(body, "roleDefinitionId");
                if (roleDef.isPresent()) {
                    String role = expandVars(roleDef.get(), vars);
                    int at = open + body.indexOf("roleDefinitionId");
                    String scope = property(body, "scope").orElse(null);
                    AzureRoleAssignments.check("bicep", symbol, role,
                                    property(body, "principalType").map(BicepDetector::unquote).orElse(null),
                                    property(body, "principalId").orElse(null),
                                    ArmTemplateDetector.scopeKind(scope, targetScope), pos.line(at), pos.column(at))
                            .ifPresent(out::add);
                }
            }
            int creds = body.indexOf("passwordCredentials");
            if (creds >= 0) {
                passwords(symbol, text, open + creds, pos, out);
            }
        }
        return out;
    }

    private void passwords(String symbol, String text, int from, TextPositions pos, List<Detection> out) {
        int open = text.indexOf('[', from);
        if (open < 0) {
            return;
        }
        int close = closing(text, open);
        int i = 0;
        for (int item = text.indexOf('{', open); item >= 0 && item < close; item = text.indexOf('{', close(text, item))) {
            int itemEnd = closing(text, item);
            String body = text.substring(item, itemEnd);
            Matcher end = END_DATE.matcher(body);
            Instant endAt = null;
            int at = item;
            if (end.find()) {
                endAt = SecretLifetime.parseDate(end.group(1));
                at = item + end.start();
                if (endAt == null) {
                    i++;
                    continue;
                }
            } else if (body.contains("endDateTime")) {
                i++;
                continue; // an expression: do not guess
            }
            Optional<String> why = lifetime.problem(endAt);
            if (why.isPresent()) {
                out.add(RULES.detection("iac-azure-secret-long-lived", "Azure client secret in " + symbol + " "
                                + why.get(), pos.line(at), pos.column(at), symbol + "|passwordCredentials[" + i + "]",
                        symbol, Map.of(FindingProperty.RESOURCE.key(), symbol, "format", "bicep")));
            }
            i++;
        }
    }

    private static int close(String text, int open) {
        return closing(text, open);
    }

    /** The offset just after the bracket matching the one at {@code open}, skipping '...' strings and comments. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '\'') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return text.length();
    }

    /** The rest of the line after "name:" at any depth of the body (first occurrence). */
    private static Optional<String> property(String body, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + "\\s*:\\s*(.+?)\\s*$").matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String expandVars(String expr, Map<String, String> vars) {
        StringBuilder sb = new StringBuilder(expr);
        Matcher id = Pattern.compile("\\b[A-Za-z_]\\w*\\b").matcher(expr);
        while (id.find()) {
            String value = vars.get(id.group());
            if (value != null) {
                sb.append(' ').append(value);
            }
        }
        return sb.toString();
    }

    private static String unquote(String s) {
        return s.replace("'", "").trim();
    }
}
