package dev.holdfast.scanner.scan;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentWideningTest {
    private static Finding grant(Status status, Attribution by) {
        return new Finding("agent-grant:1", "agent-grant", Category.PRIVILEGE, Severity.HIGH, status,
                "Claude Code may run any shell command without asking", Location.file(".claude/settings.json", 4, 1),
                "shell:*", by, null, "Narrow it.", Map.of(FindingProperty.AGENT_TOOL.key(), "Claude Code", "tracked", "grant"));
    }

    private static Attribution who(String name, IdentityKind kind) {
        return new Attribution("c0ffee", name, name.toLowerCase() + "@example.com", kind,
                Instant.parse("2026-03-20T14:03:00Z"), kind == IdentityKind.AGENT
                ? new Person("Carol Diaz", "carol@example.com") : null);
    }

    @Test
    void anAgentWideningItsOwnPermissionsSaysSo() {
        Finding f = AgentWidening.mark(grant(Status.REGRESSED, who("Claude", IdentityKind.AGENT)));
        assertThat(f.message()).endsWith("; an AI agent widened its own permissions (Claude on behalf of Carol Diaz)");
        assertThat(f.properties()).containsEntry(FindingProperty.WIDENED_BY_AGENT.key(), "Claude on behalf of Carol Diaz");
    }

    @Test
    void anotherAgentWideningItIsNamedAsSuch() {
        Finding f = AgentWidening.mark(grant(Status.NEW, who("Copilot", IdentityKind.AGENT)));
        assertThat(f.message()).contains("an AI agent widened Claude Code's permissions (Copilot on behalf of");
    }

    @Test
    void peopleExistingGrantsAndOtherFindingsAreLeftAlone() {
        Finding byPerson = grant(Status.NEW, who("Bob", IdentityKind.HUMAN));
        assertThat(AgentWidening.mark(byPerson)).isSameAs(byPerson);
        Finding existing = grant(Status.EXISTING, who("Claude", IdentityKind.AGENT));
        assertThat(AgentWidening.mark(existing)).isSameAs(existing);
        Finding secret = new Finding("aws:1", "aws-access-key", Category.SECRET, Severity.HIGH, Status.NEW, "key",
                Location.file("a.yml", 1, 1), "AKIA…", who("Claude", IdentityKind.AGENT), null, null, Map.of());
        assertThat(AgentWidening.mark(secret)).isSameAs(secret);
    }

    @Test
    void theCommittingAgentIsTheToolWhenItsNameIsInTheToolsName() {
        assertThat(AgentWidening.isOwn("Claude", "Claude Code")).isTrue();
        assertThat(AgentWidening.isOwn("Copilot", "Copilot coding agent")).isTrue();
        assertThat(AgentWidening.isOwn("gemini-cli[bot]", "Gemini CLI")).isTrue();
        assertThat(AgentWidening.isOwn("Devin", "Claude Code")).isFalse();
        assertThat(AgentWidening.isOwn(null, "Claude Code")).isFalse();
    }
}
