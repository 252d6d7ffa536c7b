package dev.holdfast.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The must-shows of the rule catalogue, through the command a user runs. */
class RulesCommandTest {

    @Test
    void listsAtLeastFourHundredProvidersWithEachSecretRulesProvider() {
        CliRunner.Run r = CliRunner.run("rules");
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        Matcher total = Pattern.compile("(\\d+) rules, (\\d+) providers\\s*$").matcher(r.out());
        assertThat(total.find()).as(r.out().substring(Math.max(0, r.out().length() - 200))).isTrue();
        assertThat(Integer.parseInt(total.group(2))).isGreaterThanOrEqualTo(400);
        assertThat(r.out()).containsPattern("(?m)^aws-access-key\\s.*\\[AWS]$")
                .containsPattern("(?m)^anthropic-oauth-token\\s.*\\[Anthropic]$");
    }

    @Test
    void providersNamesEveryProviderTheIssueFoundMissing() {
        CliRunner.Run r = CliRunner.run("rules", "providers");
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        Matcher total = Pattern.compile("(\\d+) providers, (\\d+) secret rules\\s*$").matcher(r.out());
        assertThat(total.find()).isTrue();
        assertThat(Integer.parseInt(total.group(1))).isGreaterThanOrEqualTo(400);
        for (String provider : List.of("Anthropic", "Amazon Bedrock", "1Password", "Sourcegraph", "Notion", "Supabase",
                "Doppler", "Langfuse", "Tavily", "Firecrawl", "Browserbase", "Braintrust", "Voiceflow", "E2B",
                "Pinecone", "DeepSeek", "ElevenLabs", "Azure OpenAI", "Netlify", "Tailscale", "SonarQube",
                "Octopus Deploy", "Atlassian Data Center", "Okta", "New Relic", "Mapbox", "Microsoft Teams",
                "Microsoft Power Automate", "Salesforce", "Twitch", "Meta (Facebook)", "Slack", "Microsoft Entra ID",
                "GitLab", "JFrog Artifactory", "HashiCorp Vault", "Docker registry", "MongoDB", "ODBC",
                "Windows PsExec", "Kerberos", "Private key (PEM in base64)", "HTTP API key header")) {
            assertThat(r.out()).as(provider).containsPattern("(?m)^" + Pattern.quote(provider) + "\\s");
        }
    }

    @Test
    void everyRuleExamplePassesAndTheCatalogueFindsEachMatchExample() {
        CliRunner.Run test = CliRunner.run("rules", "test");
        assertThat(test.exit()).as(test.out()).isEqualTo(ExitCode.OK);
        assertThat(test.out()).contains(" 0 failed");

        CliRunner.Run recall = CliRunner.run("rules", "recall");
        assertThat(recall.exit()).as(recall.out()).isEqualTo(ExitCode.OK);
        assertThat(recall.out()).containsPattern("(?m)^ai\\s+\\d+").containsPattern("(?m)^all\\s+\\d+");
    }

    @Test
    void anUnknownSubReportIsAUsageError() {
        CliRunner.Run r = CliRunner.run("rules", "everything");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(CliRunner.run("rules", "recall", "extra.yml").exit()).isEqualTo(ExitCode.USAGE);
    }
}
