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
            assertThat(r.pattern()).as(r.id()).isNotNull();
            assertThat(r.keywords().isEmpty() && r.paths().isEmpty()).as(r.id() + " prefilter").isFalse();
        }
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
}
