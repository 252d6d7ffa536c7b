package dev.holdfast.rules.agent;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.support.RuleBook;
import dev.holdfast.rules.support.SelfTesting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coding agents' own configuration files (see {@code catalogue.yml}): MCP server configs, agent settings and
 * workflows that run agents. Each is parsed with a real parser, read into its agents' effective grants and judged;
 * a file that cannot be read is one per-file warning ({@link DetectorException}), never a crash.
 */
public final class AgentConfigDetector implements Detector, SelfTesting {
    private static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/agent/rules.yml");
    private final AgentCatalogue catalogue;
    private final AgentSettings settings;
    private final WorkflowAgents workflows;
    private final AgentJudge judge = new AgentJudge(RULES);

    public AgentConfigDetector() {
        this(AgentCatalogue.standard());
    }

    AgentConfigDetector(AgentCatalogue catalogue) {
        this.catalogue = catalogue;
        this.settings = new AgentSettings(catalogue);
        this.workflows = new WorkflowAgents(catalogue);
    }

    @Override
    public String name() {
        return "agent-config";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all();
    }

    /** The grant rule: tracked per effective grant, like an IAM grant. */
    public static String grantRule() {
        return AgentJudge.GRANT;
    }

    /** The agent configurations this detector reads, for the rest of Holdfast (reports group by them). */
    public static AgentCatalogue catalogue() {
        return AgentCatalogue.standard();
    }

    /**
     * Whether a file at {@code path} may be an agent configuration, without reading the catalogue: every kind it
     * knows is JSON, YAML or TOML (AgentCatalogueTest holds the catalogue to that).
     */
    public static boolean mayRead(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.endsWith(".json") || p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".toml");
    }

    @Override
    public List<Detection> detect(Document document) {
        Optional<AgentCatalogue.FileKind> kind = catalogue.kindOf(document.path());
        if (kind.isEmpty()) {
            return List.of();
        }
        AgentCatalogue.FileKind k = kind.get();
        ConfigTree tree = ConfigTree.parse(k.format(), document.path(), document.text());
        List<String> warnings = new ArrayList<>();
        List<AgentConfig> agents = k.schema().equals("workflow") ? workflows.read(document.path(), tree, warnings)
                : List.of(settings.read(k.schema(), k.tool(), tree, projectPath(document.path(), k), warnings));
        List<Detection> out = new ArrayList<>();
        for (AgentConfig c : agents) {
            out.addAll(judge.judge(document.path(), c));
        }
        if (!warnings.isEmpty()) {
            throw new DetectorException(document.path() + ": " + String.join("; ", warnings), null, out);
        }
        return out;
    }

    /** The file's path inside the project it configures: from the folder its catalogue path starts with. */
    static String projectPath(String path, AgentCatalogue.FileKind kind) {
        for (String p : kind.paths()) {
            String first = p.contains("/") ? p.substring(0, p.indexOf('/') + 1) : p;
            int at = path.equals(first) || path.startsWith(first) ? 0 : path.lastIndexOf("/" + first) + 1;
            if (at > 0 || path.startsWith(first)) {
                return path.substring(at);
            }
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public RuleTestReport testRules() {
        return RULES.test(this);
    }
}
