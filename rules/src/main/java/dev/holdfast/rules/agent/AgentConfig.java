package dev.holdfast.rules.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent's effective configuration as read from one file: what it may do (grants), the credentials it holds, the
 * MCP servers it reaches and, for an agent run by a workflow, what triggers it. Readers fill it; the judge reads it.
 */
public final class AgentConfig {
    private final String tool;
    private final String agent;
    private final List<AgentGrant> grants = new ArrayList<>();
    private final List<AgentToken> tokens = new ArrayList<>();
    private final List<McpServerFacts> servers = new ArrayList<>();
    private final List<AgentGrant> unneededSecrets = new ArrayList<>();
    private String untrustedTrigger;
    private boolean triggerGated;
    private String selfEdit;

    /**
     * @param tool  the agent tool (Claude Code, Codex…)
     * @param agent the agent's identity in the file: the tool, or {@code tool@job/step} for a workflow step
     */
    public AgentConfig(String tool, String agent) {
        this.tool = tool;
        this.agent = agent;
    }

    public String tool() {
        return tool;
    }

    public String agent() {
        return agent;
    }

    public List<AgentGrant> grants() {
        return grants;
    }

    public List<AgentToken> tokens() {
        return tokens;
    }

    public List<McpServerFacts> servers() {
        return servers;
    }

    /** Secrets handed to the agent that it does not need for its own credentials. */
    public List<AgentGrant> unneededSecrets() {
        return unneededSecrets;
    }

    public void grant(String grant, int line, String source) {
        if (grants.stream().noneMatch(g -> g.grant().equals(grant))) {
            grants.add(new AgentGrant(grant, line, source));
        }
    }

    public boolean has(String grant) {
        return grants.stream().anyMatch(g -> g.grant().equals(grant));
    }

    /** The event, from those anyone may cause, that starts this agent; null when none does. */
    public String untrustedTrigger() {
        return untrustedTrigger;
    }

    /** Whether the job checks who triggered it (author association) before the agent runs. */
    public boolean triggerGated() {
        return triggerGated;
    }

    public void triggeredBy(String event, boolean gated) {
        this.untrustedTrigger = event;
        this.triggerGated = gated;
    }

    /** Why the agent may rewrite its own configuration without asking, or null when it may not. */
    public String selfEdit() {
        return selfEdit;
    }

    public void selfEdit(String reason) {
        if (selfEdit == null) {
            selfEdit = reason;
        }
    }
}
