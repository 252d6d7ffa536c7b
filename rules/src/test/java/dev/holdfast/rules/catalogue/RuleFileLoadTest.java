package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleFileLoadTest {

    private static Path custom(String name) throws URISyntaxException {
        return Path.of(RuleFileLoadTest.class.getResource("custom/" + name).toURI());
    }

    @Test
    void customRulesLoadAndCombineWithTheBuiltins() throws Exception {
        RuleCatalogue custom = RuleCatalogue.load(custom("good.yml"));
        assertThat(custom.size()).isEqualTo(1);
        assertThat(custom.test().passed()).isTrue();
        RuleCatalogue all = RuleCatalogue.builtin().plus(custom);
        assertThat(all.size()).isEqualTo(RuleCatalogue.builtin().size() + 1);
        String token = "acme_" + new ExampleExpander(7).generate("a-z0-9", 24);
        List<Detection> found = all.detector(v -> false)
                .detect(new Document("x.env", ("ACME_TOKEN=" + token).getBytes(StandardCharsets.UTF_8)));
        assertThat(found).extracting(Detection::ruleId).containsExactly("acme-internal-token");
        assertThat(found.get(0).remediation()).isEqualTo("Revoke it in the ACME admin console.");
    }

    @Test
    void customRulesWithNonAsciiKeywordsWork() throws Exception {
        RuleTestReport report = RuleCatalogue.load(custom("non-ascii.yml")).test();
        assertThat(report.failures()).isEmpty();
        assertThat(report.examples()).isEqualTo(2);
    }

    @Test
    void withoutDropsDisabledRules() {
        RuleCatalogue fewer = RuleCatalogue.builtin().without(List.of("jwt", "no-such-rule"));
        assertThat(fewer.size()).isEqualTo(RuleCatalogue.builtin().size() - 1);
        assertThat(fewer.infos()).extracting(RuleInfo::id).doesNotContain("jwt");
    }

    @Test
    void unknownKeyIsOneLineNamingFileRuleAndKey() throws Exception {
        assertThatThrownBy(() -> RuleCatalogue.load(custom("unknown-key.yml")))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("unknown-key.yml")
                .hasMessageContaining("rule #1 'acme-internal-token'")
                .hasMessageContaining("unknown key 'severty'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void badRegexNamesTheRule() throws Exception {
        assertThatThrownBy(() -> RuleCatalogue.load(custom("bad-regex.yml")))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("rule #2 'broken-rule'")
                .hasMessageContaining("pattern does not compile")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingIdAndMalformedYamlAndMissingFileAreClear() throws Exception {
        assertThatThrownBy(() -> RuleCatalogue.load(custom("missing-id.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("rule #1: missing or empty 'id'");
        assertThatThrownBy(() -> RuleCatalogue.load(custom("not-yaml.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> RuleCatalogue.load(Path.of("no/such/rules.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("no such rule file");
    }

    @Test
    void aCustomRuleCannotSilentlyReplaceABuiltinOne() throws Exception {
        RuleCatalogue dup = RuleCatalogue.load(custom("duplicate-builtin.yml"));
        assertThatThrownBy(() -> RuleCatalogue.builtin().plus(dup))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("'github-pat-classic' is already defined");
    }

    @Test
    void ruleTestListsFailingExamplesWithoutExpandingSecrets() throws Exception {
        RuleTestReport report = RuleCatalogue.load(custom("failing-example.yml")).test();
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).hasSize(1);
        RuleTestReport.Failure f = report.failures().get(0);
        assertThat(f.ruleId()).isEqualTo("acme-weak-rule");
        assertThat(f.kind()).isEqualTo("match");
        assertThat(f.detail()).contains("{{gen:A-Z:24}}");
    }

    @Test
    void anAssignmentRuleMatchesTheUsualSyntaxesOfItsNameAndKnowsItsProvider() throws Exception {
        RuleCatalogue catalog = RuleCatalogue.load(custom("assignment.yml"));
        SecretRule rule = catalog.rules().get(0);
        assertThat(rule.provider()).isEqualTo("ACME");
        assertThat(rule.family()).isEqualTo("custom");
        assertThat(rule.keywords()).containsExactly("acme");
        assertThat(catalog.providers()).containsExactly("ACME");
        String v = new ExampleExpander(5).generate("A-Za-z0-9", 32);
        for (String line : List.of("ACME_API_KEY=" + v, "acmeKey: \"" + v + "\"", "export ACME_TOKEN='" + v + "'",
                "client.setAcmeKey(\"" + v + "\");", "cli --acme-key " + v, "Acme(api_key=\"" + v + "\")",
                "{\"acme\": \"" + v + "\"}")) {
            assertThat(scan(catalog, line)).as(line).containsExactly("acme-api-key");
        }
        // the provider's word must start a word of the name; a camel-case identifier is not a key
        assertThat(scan(catalog, "macmeKey=" + v)).isEmpty();
        assertThat(scan(catalog, "ACME_KEY=CompletionCreateParamsStreaming")).isEmpty();
    }

    @Test
    void schemaMistakesOfTheNewKeysAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> RuleCatalogue.load(custom("assignment-and-pattern.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("either 'pattern' or 'nameContains'");
        assertThatThrownBy(() -> RuleCatalogue.load(custom("unknown-check.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("unknown token check 'crc64'")
                .hasMessageContaining("github-checksum");
        assertThatThrownBy(() -> RuleCatalogue.load(custom("bad-starts-within.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("'startsWithin' must be a whole number");
        assertThatThrownBy(() -> RuleCatalogue.load(custom("bad-name-within.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("acme-generic")
                .hasMessageContaining("'nameWithin' must be a whole number");
        assertThatThrownBy(() -> RuleCatalogue.load(custom("name-within-not-generic.yml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("acme-hinted")
                .hasMessageContaining("'nameWithin' is for generic rules with 'keyWords'");
    }

    private static List<String> scan(RuleCatalogue catalog, String line) {
        return catalog.detector(v -> false).detect(new Document("app.env", line.getBytes(StandardCharsets.UTF_8)))
                .stream().map(Detection::ruleId).toList();
    }
}
