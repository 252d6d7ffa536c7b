package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.model.RuleInfo;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueValidityTest {
    private final RuleCatalogue catalog = RuleCatalogue.builtin();

    @Test
    void hasAtLeastEightyRulesWithUniqueKebabCaseIds() {
        assertThat(catalog.size()).isGreaterThanOrEqualTo(80);
        Set<String> ids = new HashSet<>();
        for (RuleInfo info : catalog.infos()) {
            assertThat(ids.add(info.id())).as("duplicate id " + info.id()).isTrue();
            assertThat(info.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(info.title()).isNotBlank();
            assertThat(info.remediation()).isNotBlank();
        }
    }

    @Test
    void everyRuleHasMatchAndNoMatchExamplesAndACompiledPattern() {
        for (SecretRule r : catalog.rules()) {
            assertThat(r.matchExamples()).as(r.id() + " match examples").isNotEmpty();
            assertThat(r.noMatchExamples()).as(r.id() + " noMatch examples").isNotEmpty();
            assertThat(r.pattern().compiled()).as(r.id()).isNotNull();
            assertThat(r.keywords().isEmpty() && r.paths().isEmpty()).as(r.id() + " prefilter").isFalse();
        }
    }

    @Test
    void everyBuiltInPatternAndGroupPassesTheChecksACustomRuleFileGetsAtLoad() {
        // The built-in patterns compile on first use; this is where a bad regex or group in them fails.
        List<SecretRule> checked = RuleCatalogue.readBuiltin(true);
        assertThat(checked).extracting(r -> r.pattern().pattern())
                .containsExactlyInAnyOrderElementsOf(catalog.rules().stream().map(r -> r.pattern().pattern()).toList());
    }

    @Test
    void coversTheProviderFamiliesOfTheIssue() {
        List<String> ids = catalog.infos().stream().map(RuleInfo::id).toList();
        assertThat(ids).contains("aws-access-key", "aws-secret-access-key", "aws-session-token", "gcp-api-key",
                "gcp-service-account-key", "azure-storage-account-key", "azure-ad-client-secret", "azure-sas-token",
                "github-pat-classic", "github-pat-fine-grained", "github-app-token", "github-oauth-token",
                "gitlab-pat", "bitbucket-app-password", "openai-api-key", "anthropic-api-key", "huggingface-token",
                "gemini-api-key", "groq-api-key", "replicate-api-token", "cohere-api-key", "mistral-api-key",
                "slack-bot-token", "slack-webhook-url", "stripe-secret-key", "twilio-api-key", "sendgrid-api-key",
                "mailgun-api-key", "shopify-token", "datadog-api-key", "npm-access-token", "pypi-token",
                "dockerhub-pat", "vault-token", "terraform-cloud-token", "databricks-token", "private-key-rsa",
                "private-key-ec", "private-key-dsa", "private-key-openssh", "private-key-pgp", "private-key-pkcs8",
                "putty-private-key", "jwt", "jdbc-url", "postgres-url", "mysql-url", "mongodb-url", "redis-url",
                "amqp-url", "netrc-password", "git-credentials", "docker-config-auth", "npmrc-auth",
                "htpasswd-entry", "pgpass-entry", "shadow-entry", "generic-password-quoted",
                "generic-secret-quoted", "generic-password-unquoted", "generic-password-xml-element");
    }

    @Test
    void everyRuleAboutOneProviderNamesItAndThereAreAtLeastFourHundred() {
        for (SecretRule r : catalog.rules()) {
            assertThat(r.family()).as(r.id()).isIn(RuleCatalogue.FAMILIES);
            if (!r.family().equals("generic") && !List.of("bcrypt-hash", "crypt-password-hash", "url-credentials",
                    "connection-string-password").contains(r.id())) {
                assertThat(r.provider()).as(r.id() + " provider").isNotBlank();
            }
        }
        assertThat(catalog.providers()).hasSizeGreaterThanOrEqualTo(400);
    }

    @Test
    void coversTheKindsTheIssueFoundMissing() {
        List<String> ids = catalog.infos().stream().map(RuleInfo::id).toList();
        assertThat(ids).contains("anthropic-oauth-token", "amazon-bedrock-api-key", "1password-service-account-token",
                "sourcegraph-access-token", "sourcegraph-cody-gateway-key", "notion-api-token",
                "supabase-management-token", "doppler-token", "langfuse-secret-key", "tavily-api-key",
                "firecrawl-api-key", "browserbase-api-key", "braintrust-api-key", "voiceflow-api-key", "e2b-api-key",
                "pinecone-api-key", "deepseek-api-key", "elevenlabs-api-key", "azure-openai-api-key",
                "netlify-access-token", "tailscale-key", "sonarqube-token", "octopus-deploy-api-key",
                "atlassian-data-center-pat", "jira-api-token-legacy", "okta-api-token", "okta-ssws-token",
                "newrelic-license-key", "mapbox-secret-token", "microsoft-teams-webhook",
                "power-automate-trigger-url", "salesforce-access-token", "twitch-oauth-token", "facebook-access-token",
                "slack-webhook-url", "azure-entra-refresh-token", "gitlab-oauth-app-secret", "artifactory-api-key",
                "vault-approle-secret-id", "docker-config-auth", "mongodb-url", "odbc-connection-string-password",
                "psexec-password", "kerberos-hash", "private-key-base64", "http-api-key-header");
    }

    @Test
    void tokenFormatsWithAChecksumOrStructureAreValidated() {
        java.util.Map<String, List<String>> checks = new java.util.HashMap<>();
        catalog.rules().forEach(r -> checks.put(r.id(), r.checks().stream()
                .map(dev.holdfast.rules.tokens.TokenCheck::name).toList()));
        assertThat(checks.get("github-pat-classic")).contains("github-checksum");
        assertThat(checks.get("github-pat-fine-grained")).contains("github-checksum");
        assertThat(checks.get("npm-access-token")).contains("npm-checksum");
        assertThat(checks.get("jwt")).contains("jwt");
        assertThat(checks.get("private-key-pkcs8")).contains("pem-der");
        assertThat(checks.get("private-key-openssh")).contains("openssh-key");
        assertThat(checks.get("pypi-token")).contains("pypi-macaroon");
        assertThat(checks.get("aws-access-key")).contains("aws-key-id");
        assertThat(checks.get("docker-config-auth")).contains("base64-credentials");
    }
}
