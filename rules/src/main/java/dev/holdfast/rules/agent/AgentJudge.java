package dev.holdfast.rules.agent;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.support.RuleBook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges an agent's configuration: one tracked {@code agent-grant} per effective grant (recorded in the baseline,
 * shown when it changes: privilege creep), and the risks — unrestricted shell, approvals or sandbox off, write tokens
 * on events anyone can cause, MCP servers reaching production, long-lived tokens, secrets the agent does not need.
 * Every risk is one level more severe when the agent can rewrite its own configuration.
 */
final class AgentJudge {
    static final String GRANT = "agent-grant";
    static final String SHELL = "agent-unrestricted-shell";
    static final String BYPASS = "agent-approvals-bypassed";
    static final String UNTRUSTED = "agent-untrusted-trigger-write";
    static final String PRODUCTION = "agent-mcp-production";
    static final String TOKEN = "agent-static-token";
    static final String UNNEEDED = "agent-secret-unneeded";
    /** A run of characters a value could hide in (an allow rule that quotes a token). */
    private static final Pattern VALUE_LIKE = Pattern.compile("[A-Za-z0-9_+/=-]{20,}");

    private final RuleBook rules;

    AgentJudge(RuleBook rules) {
        this.rules = rules;
    }

    List<Detection> judge(String path, AgentConfig c) {
        List<Detection> out = new ArrayList<>();
        for (AgentGrant g : c.grants()) {
            out.add(grant(path, c, g));
        }
        List<Detection> risks = new ArrayList<>();
        c.grants().stream().filter(g -> g.grant().equals("shell:*")).findFirst().ifPresent(g ->
                risks.add(risk(SHELL, null, path, c, g.line(), "unrestricted-shell", g.grant(),
                        c.tool() + " may run any shell command without asking (" + g.grant() + " from "
                                + g.source() + ")")));
        for (AgentGrant g : c.grants()) {
            if (g.grant().equals("mode:bypass-approvals")) {
                risks.add(risk(BYPASS, null, path, c, g.line(), g.grant(), g.grant(),
                        c.tool() + " acts without asking for approval (" + g.source() + ")"));
            } else if (g.grant().equals("mode:no-sandbox")) {
                risks.add(risk(BYPASS, null, path, c, g.line(), g.grant(), g.grant(),
                        c.tool() + " runs commands outside its sandbox (" + g.source() + ")"));
            }
        }
        if (c.untrustedTrigger() != null) {
            List<AgentGrant> writes = c.grants().stream().filter(AgentJudge::isWrite).toList();
            if (!writes.isEmpty()) {
                String what = String.join(", ", writes.stream().map(AgentGrant::grant).toList());
                risks.add(risk(UNTRUSTED, c.triggerGated() ? Severity.MEDIUM : null, path, c, writes.get(0).line(),
                        "untrusted:" + c.untrustedTrigger(), what,
                        c.tool() + " runs on " + c.untrustedTrigger() + ", which anyone who can open an issue or "
                                + "comment can cause, with a token that may write (" + what + ")"
                                + (c.triggerGated() ? "; the job checks the author's association first" : "")));
            }
        }
        for (McpServerFacts s : c.servers()) {
            if (s.production()) {
                Severity sev = "read".equals(s.access()) ? Severity.MEDIUM : null;
                risks.add(risk(PRODUCTION, sev, path, c, s.line(), "mcp-prod:" + s.name(), s.grant(),
                        c.tool() + "'s MCP server '" + s.name() + "' reaches a production system"
                                + (s.reaches() == null ? "" : " (" + s.reaches() + ")")
                                + ("read".equals(s.access()) ? " read-only" : s.access() == null ? ""
                                : " with write access")));
            }
        }
        for (AgentToken t : c.tokens()) {
            risks.add(risk(TOKEN, t.literal() ? Severity.HIGH : null, path, c, t.line(),
                    "token:" + t.holder() + "|" + t.where(), Credentials.shown(t),
                    c.tool() + "'s " + t.holder() + " holds a long-lived credential (" + t.where() + ", "
                            + (t.literal() ? "written inline" : "referenced") + "); use " + t.alternative()
                            + " instead"));
        }
        for (AgentGrant s : c.unneededSecrets()) {
            risks.add(risk(UNNEEDED, null, path, c, s.line(), "unneeded:" + s.scope() + "|" + s.source(), s.grant(),
                    c.tool() + " can read secret " + s.scope() + " (" + s.source() + ") although it needs none "
                            + "but its own credentials"));
        }
        if (c.selfEdit() != null) {
            risks.replaceAll(d -> raised(d, c.selfEdit()));
        }
        out.addAll(risks);
        return out;
    }

    private static boolean isWrite(AgentGrant g) {
        return g.kind().equals("workflow") && (g.grant().endsWith(":write") || g.grant().equals("workflow:write-all")
                || g.grant().equals("workflow:default-permissions"));
    }

    private Detection grant(String path, AgentConfig c, AgentGrant g) {
        Map<String, String> props = props(c);
        FindingProperty.TRACKED.put(props, FindingProperty.TRACKED_GRANT);
        props.put("grant", shown(g.grant()));
        props.put("source", g.source());
        FindingProperty.LINES.put(props, List.of(g.line()));
        return rules.detection(GRANT, severity(g), c.tool() + " may " + describe(g) + " (" + shown(g.grant())
                        + " from " + g.source() + ")", g.line(), 1,
                path + "|" + c.agent() + "|grant:" + g.grant(), shown(g.grant()), props);
    }

    private Detection risk(String rule, Severity severity, String path, AgentConfig c, int line, String key,
                           String shown, String message) {
        return rules.detection(rule, severity, message, line, 1, path + "|" + c.agent() + "|" + key,
                shown(shown), props(c));
    }

    private static Map<String, String> props(AgentConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        FindingProperty.AGENT_TOOL.put(p, c.tool());
        FindingProperty.AGENT.put(p, c.agent());
        return p;
    }

    /** One level more severe, and says why: an agent that can rewrite its configuration can widen itself. */
    private Detection raised(Detection d, String reason) {
        Severity[] all = Severity.values();
        Severity up = d.severity().ordinal() == 0 ? d.severity() : all[d.severity().ordinal() - 1];
        Map<String, String> props = new LinkedHashMap<>(d.properties());
        props.put("selfEdit", reason);
        return new Detection(d.ruleId(), d.category(), up, d.message() + "; it can change its own configuration ("
                + reason + ")", d.line(), d.column(), d.subject(), d.redacted(), d.remediation(), props);
    }

    /** A grant as it may be shown: a value quoted inside a rule (an allowed curl with a token) is redacted. */
    static String shown(String grant) {
        Matcher m = VALUE_LIKE.matcher(grant);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = m.group();
            boolean mixed = v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter);
            m.appendReplacement(sb, Matcher.quoteReplacement(mixed ? Redactor.redact(v) : v));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\p{Cntrl}", "?");
    }

    static Severity severity(AgentGrant g) {
        String s = g.scope();
        return switch (g.kind()) {
            case "mode" -> Severity.HIGH;
            case "shell" -> s.equals("*") ? Severity.HIGH : Severity.LOW;
            case "edit" -> s.equals("**") || s.equals("*") ? Severity.MEDIUM : Severity.LOW;
            case "read" -> Severity.INFO;
            case "mcp" -> s.contains("/") ? (s.endsWith("/*") ? Severity.MEDIUM : Severity.LOW)
                    : s.contains("write") && s.contains("prod") ? Severity.HIGH
                    : s.contains("write") || s.contains("prod") ? Severity.MEDIUM : Severity.LOW;
            case "secret" -> Severity.MEDIUM;
            case "workflow" -> s.equals("write-all") ? Severity.HIGH : Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }

    private static String describe(AgentGrant g) {
        String s = g.scope();
        return switch (g.kind()) {
            case "shell" -> s.equals("*") ? "run any shell command without asking" : "run `" + s + "` without asking";
            case "edit" -> s.equals("**") ? "edit any file without asking" : "edit " + s + " without asking";
            case "read" -> s.equals("**") ? "read any file without asking" : "read " + s + " without asking";
            case "web" -> s.startsWith("fetch") ? "fetch from the web without asking"
                    : s.equals("network") ? "reach the network from its sandbox" : "search the web without asking";
            case "mcp" -> s.contains("/") ? "call " + (s.endsWith("/*") ? "every tool" : "tool " + s.substring(
                    s.indexOf('/') + 1)) + " of MCP server '" + s.substring(0, s.indexOf('/')) + "' without asking"
                    : "use MCP server '" + s.replaceFirst("\\(.*", "") + "'";
            case "mode" -> s.equals("bypass-approvals") ? "act without approvals" : "run outside its sandbox";
            case "secret" -> "read secret " + s;
            case "workflow" -> s.equals("write-all") ? "write everything with the workflow token"
                    : s.equals("default-permissions") ? "use the workflow token with the repository's default "
                    + "permissions" : "use the workflow token with " + s.replace(":write", " write");
            default -> "use " + s;
        };
    }
}
