package dev.holdfast.rules.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.rules.detect.DetectorException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.holdfast.rules.agent.McpServers.append;
import static dev.holdfast.rules.agent.McpServers.text;

/**
 * GitHub Actions workflows that run coding agents (Claude Code, Codex, Gemini CLI as actions or command lines, and
 * the Copilot coding agent's setup job): each agent step becomes one agent whose grants are its job's token
 * permissions, the secrets it can read, the tools and modes its inputs or flags allow; the events that start it and
 * the secrets it does not need are noted for the judge.
 */
final class WorkflowAgents {
    private static final Pattern SECRET = Pattern.compile(
            "secrets\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_-]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");
    private static final Pattern ALLOWED_FLAG = Pattern.compile(
            "--allowed-?[tT]ools(?:=|\\s+)(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern DISALLOWED_FLAG = Pattern.compile(
            "--disallowed-?[tT]ools(?:=|\\s+)(\"[^\"]*\"|'[^']*'|\\S+)");
    private final AgentCatalogue catalogue;
    private final PermissionRules rules;
    private final AgentSettings settings;
    private final McpServers servers;
    private final Credentials credentials;

    WorkflowAgents(AgentCatalogue catalogue) {
        this.catalogue = catalogue;
        this.rules = new PermissionRules(catalogue);
        this.settings = new AgentSettings(catalogue);
        this.servers = new McpServers(catalogue);
        this.credentials = new Credentials(catalogue);
    }

    /** A secret named somewhere, with the line and the place (input, env) it is named in. */
    private record SecretUse(String name, int line, String where) {
    }

    List<AgentConfig> read(String path, ConfigTree tree, List<String> warnings) {
        JsonNode root = tree.root();
        List<AgentConfig> out = new ArrayList<>();
        JsonNode jobs = root.get("jobs");
        if (jobs == null || !jobs.isObject()) {
            return out;
        }
        String untrusted = triggers(root.get("on")).stream().filter(catalogue.untrustedTriggers()::contains)
                .findFirst().orElse(null);
        String file = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        AgentCatalogue.CopilotSetup copilot = catalogue.copilotSetup();
        jobs.fields().forEachRemaining(job -> {
            String jobId = job.getKey();
            JsonNode body = job.getValue();
            List<String> jobPath = List.of("jobs", jobId);
            if (copilot != null && file.equals(copilot.file()) && jobId.equals(copilot.job())) {
                out.add(copilotSetup(tree, jobPath, copilot.tool() + "@" + jobId, copilot.tool()));
                return;
            }
            JsonNode steps = body.get("steps");
            if (steps == null || !steps.isArray()) {
                return;
            }
            boolean gated = text(body.get("if")) != null
                    && text(body.get("if")).toLowerCase(Locale.ROOT).contains("author_association");
            for (int i = 0; i < steps.size(); i++) {
                AgentConfig agent = step(tree, jobPath, i, path, warnings);
                if (agent != null) {
                    if (untrusted != null) {
                        agent.triggeredBy(untrusted, gated);
                    }
                    out.add(agent);
                }
            }
        });
        return out;
    }

    private AgentConfig step(ConfigTree tree, List<String> jobPath, int index, String path, List<String> warnings) {
        List<String> stepPath = append(jobPath, "steps", String.valueOf(index));
        JsonNode step = McpServers.at(tree.root(), stepPath);
        String uses = text(step.get("uses"));
        String run = text(step.get("run"));
        Optional<AgentCatalogue.Action> action = uses == null ? Optional.empty() : catalogue.action(uses);
        AgentCatalogue.Command command = null;
        if (action.isEmpty() && run != null) {
            for (int c = 0; c < catalogue.commands().size(); c++) {
                if (catalogue.regex().commands().get(c).matcher(run).find()) {
                    command = catalogue.commands().get(c);
                    break;
                }
            }
        }
        if (action.isEmpty() && command == null) {
            return null;
        }
        String tool = action.map(AgentCatalogue.Action::tool).orElse(command == null ? null : command.tool());
        String name = Optional.ofNullable(text(step.get("id"))).or(() -> Optional.ofNullable(text(step.get("name"))))
                .orElse("step " + (index + 1));
        String jobId = jobPath.get(1);
        AgentConfig agent = new AgentConfig(tool, tool + "@" + jobId + "/" + name);
        permissions(tree, jobPath, agent);

        Map<String, String> credentialPlaces = new LinkedHashMap<>();
        action.ifPresent(a -> a.credentials().forEach((k, v) ->
                credentialPlaces.put("input " + k, catalogue.alternative(v))));
        if (command != null) {
            command.credentials().forEach((k, v) -> credentialPlaces.put("env " + k, catalogue.alternative(v)));
        }
        Set<String> neededEnv = new LinkedHashSet<>();
        action.ifPresent(a -> a.env().forEach(e -> neededEnv.add("env " + e)));
        List<SecretUse> secrets = new ArrayList<>();
        secretsIn(tree, append(stepPath, "with"), "input ", secrets);
        secretsIn(tree, append(stepPath, "env"), "env ", secrets);
        secretsIn(tree, append(jobPath, "env"), "env ", secrets);
        secretsIn(tree, List.of("env"), "env ", secrets);
        if (run != null) {
            scan(tree, append(stepPath, "run"), run, "run script", secrets);
        }
        for (SecretUse u : secrets) {
            agent.grant("secret:" + u.name(), u.line(), u.where());
            String alternative = credentialPlaces.get(u.where());
            if (alternative != null) {
                agent.tokens().add(new AgentToken("step '" + name + "'", u.where(), "${{ secrets." + u.name() + " }}",
                        false, u.line(), alternative));
            } else if (!neededEnv.contains(u.where())) {
                agent.unneededSecrets().add(new AgentGrant("secret:" + u.name(), u.line(), u.where()));
            }
        }
        // An agent credential written into the workflow itself.
        credentialPlaces.forEach((where, alternative) -> {
            List<String> at = where.startsWith("input ") ? append(stepPath, "with", where.substring(6))
                    : append(stepPath, "env", where.substring(4));
            String value = text(McpServers.at(tree.root(), at));
            if (value != null && credentials.form(value) == Credentials.Form.LITERAL && !value.contains("${{")) {
                agent.tokens().add(new AgentToken("step '" + name + "'", where, value, true, tree.line(at),
                        alternative));
            }
        });
        action.ifPresent(a -> actionInputs(tree, stepPath, a, agent, path, warnings));
        if (run != null) {
            flags(run, tree.line(append(stepPath, "run")), "run", agent);
        }
        withhold(tree, stepPath, action, run, agent);
        if (agent.has("workflow:write-all") || agent.has("workflow:contents:write")) {
            agent.selfEdit("its token may push to this repository, agent settings included");
        }
        return agent;
    }

    /** The token permissions the agent's job runs with: its own, else the workflow's, else the repository default. */
    private void permissions(ConfigTree tree, List<String> jobPath, AgentConfig agent) {
        List<String> at = append(jobPath, "permissions");
        JsonNode perms = McpServers.at(tree.root(), at);
        if (perms == null) {
            at = List.of("permissions");
            perms = tree.root().get("permissions");
        }
        if (perms == null) {
            agent.grant("workflow:default-permissions", tree.line(jobPath), String.join(".", jobPath));
            return;
        }
        String source = String.join(".", at);
        if (perms.isValueNode()) {
            if ("write-all".equalsIgnoreCase(perms.asText().strip())) {
                agent.grant("workflow:write-all", tree.line(at), source);
            }
            return;
        }
        List<String> scope = at;
        perms.fields().forEachRemaining(e -> {
            if ("write".equalsIgnoreCase(e.getValue().asText().strip())) {
                agent.grant("workflow:" + e.getKey() + ":write", tree.line(append(scope, e.getKey())), source);
            }
        });
    }

    /** The Copilot coding agent's setup job: its permissions and every secret its steps can read are the agent's. */
    private AgentConfig copilotSetup(ConfigTree tree, List<String> jobPath, String agentId, String tool) {
        AgentConfig agent = new AgentConfig(tool, agentId);
        permissions(tree, jobPath, agent);
        List<SecretUse> uses = new ArrayList<>();
        secretsIn(tree, append(jobPath, "env"), "env ", uses);
        JsonNode steps = McpServers.at(tree.root(), append(jobPath, "steps"));
        if (steps != null && steps.isArray()) {
            for (int i = 0; i < steps.size(); i++) {
                List<String> s = append(jobPath, "steps", String.valueOf(i));
                secretsIn(tree, append(s, "with"), "input ", uses);
                secretsIn(tree, append(s, "env"), "env ", uses);
                String run = text(steps.get(i).get("run"));
                if (run != null) {
                    scan(tree, append(s, "run"), run, "run script", uses);
                }
            }
        }
        uses.forEach(u -> agent.grant("secret:" + u.name(), u.line(), u.where()));
        if (agent.has("workflow:write-all") || agent.has("workflow:contents:write")) {
            agent.selfEdit("its token may push to this repository, agent settings included");
        }
        return agent;
    }

    /** Tools, modes, settings and command-line flags an agent action's inputs give it. */
    private void actionInputs(ConfigTree tree, List<String> stepPath, AgentCatalogue.Action a, AgentConfig agent,
                              String path, List<String> warnings) {
        for (String input : a.tools()) {
            List<String> at = append(stepPath, "with", input);
            String value = text(McpServers.at(tree.root(), at));
            if (value != null) {
                for (String r : splitRules(value)) {
                    String g = rules.grant(r);
                    if (g != null) {
                        agent.grant(g, tree.line(at), "with." + input);
                    }
                }
            }
        }
        a.modes().forEach((input, values) -> {
            List<String> at = append(stepPath, "with", input);
            String value = text(McpServers.at(tree.root(), at));
            if (value != null) {
                values.forEach((v, grants) -> {
                    if (v.equalsIgnoreCase(value.strip())) {
                        grants.forEach(g -> agent.grant(g, tree.line(at), "with." + input));
                    }
                });
            }
        });
        for (String input : a.args()) {
            List<String> at = append(stepPath, "with", input);
            String value = text(McpServers.at(tree.root(), at));
            if (value != null) {
                flags(value, tree.line(at), "with." + input, agent);
            }
        }
        a.settings().forEach((input, schema) -> {
            List<String> at = append(stepPath, "with", input);
            String value = text(McpServers.at(tree.root(), at));
            if (value == null || !value.strip().startsWith("{")) {
                return; // a path to a settings file in the repository, read where it lives
            }
            ConfigTree embedded;
            try {
                embedded = ConfigTree.parse("json", path + " (" + input + ")", value);
            } catch (DetectorException e) {
                warnings.add(e.getMessage());
                return;
            }
            AgentConfig inner = new AgentConfig(agent.tool(), agent.agent());
            switch (schema) {
                case "claude-settings" -> settings.claude(embedded, List.of(), inner, null);
                case "gemini-settings" -> settings.gemini(embedded, List.of(), inner, null);
                default -> servers.readMap(embedded, List.of("mcpServers"), inner);
            }
            int base = tree.line(at);
            boolean block = value.contains("\n");
            inner.grants().forEach(g -> agent.grant(g.grant(), base + (block ? g.line() : 0), "with." + input));
            inner.tokens().forEach(t -> agent.tokens().add(new AgentToken(t.holder(), t.where(), t.value(),
                    t.literal(), base + (block ? t.line() : 0), t.alternative())));
            agent.servers().addAll(inner.servers());
        });
    }

    /** Flags on an agent's command line: modes from the catalogue, and the tools {@code --allowedTools} lists. */
    private void flags(String text, int line, String source, AgentConfig agent) {
        String flat = text.replaceAll("\\s+", " ");
        catalogue.flags().forEach((flag, grants) -> {
            if (flat.contains(flag)) {
                grants.forEach(g -> agent.grant(g, line, source));
            }
        });
        Matcher m = ALLOWED_FLAG.matcher(text);
        while (m.find()) {
            String list = m.group(1).replaceAll("^[\"']|[\"']$", "");
            for (String r : splitRules(list)) {
                String g = rules.grant(r);
                if (g != null) {
                    agent.grant(g, line, source);
                }
            }
        }
    }

    /** Tools a step denies (claude-code-action's {@code disallowed_tools}, {@code --disallowedTools}) are not granted. */
    private void withhold(ConfigTree tree, List<String> stepPath, Optional<AgentCatalogue.Action> action, String run,
                          AgentConfig agent) {
        List<String> texts = new ArrayList<>();
        String input = text(McpServers.at(tree.root(), append(stepPath, "with", "disallowed_tools")));
        if (input != null) {
            texts.add(input);
        }
        List<String> argTexts = new ArrayList<>();
        action.ifPresent(a -> a.args().forEach(arg -> argTexts.add(
                text(McpServers.at(tree.root(), append(stepPath, "with", arg))))));
        argTexts.add(run);
        for (String t : argTexts) {
            if (t != null) {
                Matcher m = DISALLOWED_FLAG.matcher(t);
                while (m.find()) {
                    texts.add(m.group(1).replaceAll("^[\"']|[\"']$", ""));
                }
            }
        }
        java.util.Set<String> withheld = new java.util.HashSet<>();
        texts.forEach(t -> splitRules(t).forEach(r -> {
            String g = rules.grant(r);
            if (g != null) {
                withheld.add(g);
            }
        }));
        agent.grants().removeIf(g -> withheld.contains(g.grant()) || withheld.contains(AgentSettings.wide(g.grant())));
    }

    /** Rules separated by commas, spaces or new lines, except inside parentheses ({@code Bash(npm test)}). */
    static List<String> splitRules(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : list.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private void secretsIn(ConfigTree tree, List<String> mapPath, String prefix, List<SecretUse> out) {
        JsonNode map = McpServers.at(tree.root(), mapPath);
        if (map == null || !map.isObject()) {
            return;
        }
        map.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                scan(tree, append(mapPath, e.getKey()), e.getValue().asText(), prefix + e.getKey(), out);
            }
        });
    }

    private void scan(ConfigTree tree, List<String> at, String value, String where, List<SecretUse> out) {
        Matcher m = SECRET.matcher(value);
        int base = tree.line(at);
        boolean block = value.contains("\n");
        while (m.find()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(Locale.ROOT);
            if (catalogue.workflowToken().contains(name)) {
                continue;
            }
            int line = block ? base + 1 + (int) value.substring(0, m.start()).chars().filter(c -> c == '\n').count()
                    : base;
            out.add(new SecretUse(name, line, where));
        }
    }

    private static List<String> triggers(JsonNode on) {
        List<String> out = new ArrayList<>();
        if (on == null) {
            return out;
        }
        if (on.isValueNode()) {
            out.add(on.asText());
        } else if (on.isArray()) {
            on.forEach(n -> out.add(n.asText()));
        } else {
            on.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }
}
