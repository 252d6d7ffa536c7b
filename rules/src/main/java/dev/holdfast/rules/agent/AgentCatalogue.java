package dev.holdfast.rules.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.catalogue.Glob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code catalogue.yml} knows about coding agents: their configuration files, the tool names in their
 * permission rules, their permission modes, the MCP servers Holdfast recognises, the workflows that run agents, and
 * how a credential is told from a reference or a placeholder. Loaded once; immutable.
 */
public final class AgentCatalogue {
    private static final String RESOURCE = "/dev/holdfast/rules/agent/catalogue.yml";
    private static volatile AgentCatalogue standard;

    /** The file as written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(List<FileKind> files, Map<String, List<String>> tools, List<String> anyCommand,
                Map<String, Map<String, List<String>>> modes, List<Server> servers, List<String> production,
                String credentialNames, String credentialHeaders, String credentialArgs, String references,
                String placeholders, Map<String, String> alternatives, List<Action> actions, List<Command> commands,
                Map<String, List<String>> flags,
                CopilotSetup copilotSetup, List<String> untrustedTriggers, List<String> workflowToken) {
    }

    private final Data data;
    private final Map<FileKind, List<Pattern>> paths = new LinkedHashMap<>();
    private final Patterns regex;

    private AgentCatalogue(Data data) {
        this.data = data;
        for (FileKind k : data.files()) {
            List<Pattern> ps = new ArrayList<>();
            // At a folder boundary anywhere: a monorepo's sub-projects carry their own agent settings.
            k.paths().forEach(p -> ps.add(Glob.compile("**/" + p)));
            paths.put(k, ps);
        }
        Pattern words = Pattern.compile("(?i)(?:^|[\\s.\\-_/:@=,;?&])(?:" + String.join("|", data.production())
                + ")(?:$|[\\s.\\-_/:@=,;?&0-9])");
        List<Pattern> cmds = data.commands().stream().map(c -> Pattern.compile(c.match())).toList();
        this.regex = new Patterns(Pattern.compile(data.credentialNames()), Pattern.compile(data.credentialHeaders()),
                Pattern.compile(data.credentialArgs()), Pattern.compile(data.references()),
                Pattern.compile(data.placeholders()), words, cmds);
    }

    /** One kind of configuration file: which agent reads it, how it is written and which reader understands it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileKind(String kind, String tool, String format, String schema, List<String> paths) {
    }

    /** An MCP server recognised by its package, image or URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Server(String id, List<String> match, String reaches, String access, List<String> readOnly,
                         boolean oauth) {
        public Server {
            match = match == null ? List.of() : List.copyOf(match);
            readOnly = readOnly == null ? List.of() : List.copyOf(readOnly);
        }
    }

    /** A GitHub Action that runs an agent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(String uses, String tool, Map<String, String> credentials, List<String> tools,
                         Map<String, String> settings, List<String> args,
                         Map<String, Map<String, List<String>>> modes, List<String> env) {
        public Action {
            credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
            tools = tools == null ? List.of() : List.copyOf(tools);
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            args = args == null ? List.of() : List.copyOf(args);
            modes = modes == null ? Map.of() : Map.copyOf(modes);
            env = env == null ? List.of() : List.copyOf(env);
        }
    }

    /** An agent run from a {@code run:} step, and the environment variables that hold its own credentials. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Command(String tool, String match, Map<String, String> credentials) {
        public Command {
            credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CopilotSetup(String file, String job, String tool) {
    }

    /** The catalogue shipped with Holdfast. */
    public static AgentCatalogue standard() {
        AgentCatalogue c = standard;
        if (c == null) {
            try (InputStream in = AgentCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("agent catalogue missing: " + RESOURCE);
                }
                c = new AgentCatalogue(new ObjectMapper(new YAMLFactory())
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Data.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            standard = c;
        }
        return c;
    }

    /** The kind of agent configuration at this path, if it is one. */
    public Optional<FileKind> kindOf(String path) {
        for (Map.Entry<FileKind, List<Pattern>> e : paths.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(path).matches()) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The agent tool that reads the file at this path ("GitHub Actions" for workflows), or null. */
    public String toolOf(String path) {
        return kindOf(path).map(FileKind::tool).orElse(null);
    }

    /** The kind of grant a tool name gives (shell, edit, read, web:fetch…), or null for a tool Holdfast does not know. */
    public String grantKind(String toolName) {
        for (Map.Entry<String, List<String>> e : data.tools().entrySet()) {
            for (String t : e.getValue()) {
                if (t.equalsIgnoreCase(toolName)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** The grants a permission mode gives, for a mode table (claude, codexApproval…) and a value. */
    public List<String> modeGrants(String table, String value) {
        if (value == null) {
            return List.of();
        }
        Map<String, List<String>> t = data.modes().getOrDefault(table, Map.of());
        for (Map.Entry<String, List<String>> e : t.entrySet()) {
            if (e.getKey().equalsIgnoreCase(value.trim())) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** The catalogue server a command line or URL belongs to, if Holdfast recognises it. */
    public Optional<Server> server(String launch) {
        String l = launch.toLowerCase(Locale.ROOT);
        for (Server s : data.servers()) {
            for (String m : s.match()) {
                if (l.contains(m.toLowerCase(Locale.ROOT))) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<Action> action(String uses) {
        int at = uses.indexOf('@');
        String name = (at < 0 ? uses : uses.substring(0, at)).trim();
        return data.actions().stream().filter(a -> a.uses().equalsIgnoreCase(name)).findFirst();
    }

    /** The catalogue's regular expressions, compiled once. */
    Patterns regex() {
        return regex;
    }

    record Patterns(Pattern credentialName, Pattern credentialHeader, Pattern credentialArg, Pattern reference,
                    Pattern placeholder, Pattern production, List<Pattern> commands) {
    }

    public List<FileKind> files() {
        return data.files();
    }

    public List<String> anyCommand() {
        return data.anyCommand();
    }

    public List<Command> commands() {
        return data.commands();
    }

    /**
     * What to use instead of a static credential, by the name an action's or command's {@code credentials} give.
     *
     * @throws IllegalStateException when the catalogue names an alternative it does not define
     */
    public String alternative(String name) {
        String text = data.alternatives().get(name);
        if (text == null) {
            throw new IllegalStateException("agent catalogue: no alternative named " + name);
        }
        return text;
    }

    public Map<String, List<String>> flags() {
        return data.flags();
    }

    public CopilotSetup copilotSetup() {
        return data.copilotSetup();
    }

    public List<String> untrustedTriggers() {
        return data.untrustedTriggers();
    }

    public List<String> workflowToken() {
        return data.workflowToken();
    }
}
