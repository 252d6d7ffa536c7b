package dev.holdfast.scanner.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitAuthorClassifierTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern IDENT = Pattern.compile("^(.*?)\\s*<([^>]*)>$");

    record Case(String name, Person author, Person committer, String message, IdentityKind kind, Person who,
                Person onBehalfOf) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws Exception {
        try (InputStream in = CommitAuthorClassifierTest.class.getResourceAsStream("commit-cases.yml")) {
            List<Case> out = new ArrayList<>();
            for (JsonNode n : YAML.readTree(in)) {
                Person author = person(n.get("author").asText());
                out.add(new Case(n.get("case").asText(), author, person(n.get("committer").asText()),
                        n.get("message").asText(), IdentityKind.fromId(n.get("kind").asText()),
                        n.has("who") ? person(n.get("who").asText()) : author,
                        n.has("onBehalfOf") ? person(n.get("onBehalfOf").asText()) : null));
            }
            return out;
        }
    }

    static Person person(String s) {
        Matcher m = IDENT.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad identity in test data: " + s);
        }
        return new Person(m.group(1).trim(), m.group(2).trim());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesCommitsFromAuthorCommitterAndTrailers(Case c) {
        Instant when = Instant.parse("2025-05-01T10:00:00Z");
        Attribution a = CommitAuthorClassifier.builtin().attribute("abc123", c.author(), c.committer(), c.message(), when);
        assertThat(a.kind()).as("kind").isEqualTo(c.kind());
        assertThat(new Person(a.name(), a.email())).as("who").isEqualTo(c.who());
        assertThat(a.onBehalfOf()).as("onBehalfOf").isEqualTo(c.onBehalfOf());
        assertThat(a.commit()).isEqualTo("abc123");
        assertThat(a.date()).isEqualTo(when);
    }

    @Test
    void theOrganisationsOwnIdentitiesComeFirst() throws Exception {
        JsonNode extra = YAML.readTree("""
                agents:
                  - {name: '^release-agent$', email: '@agents\\.example\\.com$'}
                bots:
                  - {email: '^ci@example\\.com$'}
                humans:
                  - {name: '^Devin Smith$'}
                """);
        CommitAuthorClassifier c = CommitAuthorClassifier.builtin().withExtra(extra);
        assertThat(c.classify(new Person("release-agent", "r@agents.example.com"))).isEqualTo(IdentityKind.AGENT);
        // both regexes must match
        assertThat(c.classify(new Person("release-agent", "r@example.com"))).isEqualTo(IdentityKind.HUMAN);
        assertThat(c.classify(new Person("CI", "ci@example.com"))).isEqualTo(IdentityKind.BOT);
        // an organisation's human wins over the built-in "Devin" agent pattern... which only matches "Devin"
        assertThat(c.classify(new Person("Devin Smith", "devin@example.com"))).isEqualTo(IdentityKind.HUMAN);
        assertThat(CommitAuthorClassifier.builtin().classify(new Person("release-agent", "r@agents.example.com")))
                .isEqualTo(IdentityKind.HUMAN);
        assertThat(c.withExtra(null)).isSameAs(c);
    }

    @Test
    void anOrganisationCanReclassifyABuiltInIdentity() throws Exception {
        CommitAuthorClassifier c = CommitAuthorClassifier.builtin().withExtra(YAML.readTree("humans: [{name: '^Jules$'}]"));
        assertThat(CommitAuthorClassifier.builtin().classify(new Person("Jules", "jules@example.com")))
                .isEqualTo(IdentityKind.AGENT);
        assertThat(c.classify(new Person("Jules", "jules@example.com"))).isEqualTo(IdentityKind.HUMAN);
    }

    @Test
    void badIdentityConfigFailsWithOneLineNamingThePlace() throws Exception {
        CommitAuthorClassifier b = CommitAuthorClassifier.builtin();
        assertThatThrownBy(() -> b.withExtra(YAML.readTree("robots: []")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identities: unknown key 'robots' (expected agents, bots, humans)");
        assertThatThrownBy(() -> b.withExtra(YAML.readTree("agents: [{name: '(unclosed'}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identities.agents[0].name: bad regex '(unclosed'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> b.withExtra(YAML.readTree("bots: [{login: x}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identities.bots[0]: unknown key 'login' (expected name, email)");
        assertThatThrownBy(() -> b.withExtra(YAML.readTree("humans: [{}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identities.humans[0]: give a name or an email regex");
        assertThatThrownBy(() -> b.withExtra(YAML.readTree("agents: {name: x}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identities.agents: expected a list of {name, email}");
    }
}
