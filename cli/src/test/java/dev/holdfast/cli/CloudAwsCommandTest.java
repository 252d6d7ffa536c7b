package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.cloud.ExpectedFindings;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.IamQueryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code holdfast cloud aws} end to end: the AWS SDK talks the IAM/STS Query API to a local server replaying
 * recorded-format XML from fixtures/cloud/aws; expectations are data next to the fixtures.
 */
class CloudAwsCommandTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Path FIXTURES = Path.of("..", "fixtures", "cloud", "aws");
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIA" + "HOLDFASTTESTCALLER".substring(0, 16));
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-" + "not-real");
        env.put("HOLDFAST_NOW", NOW.toString());
        env.put("HOLDFAST_RETRY_BASE_MS", "5");
        return env;
    }

    record Scan(CliRunner.Run run, JsonNode report, IamQueryServer server) {
    }

    static Scan scan(String scenario, String... extra) throws Exception {
        FixtureTemplates t = new FixtureTemplates(NOW);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, scenario, t)) {
            return scan(s, extra);
        }
    }

    static Scan scan(IamQueryServer s, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("cloud", "aws", "--endpoint-url", s.url()));
        args.addAll(List.of(extra));
        if (!args.contains("--format")) {
            args.addAll(List.of("--format", "json"));
        }
        CliRunner.Run r = CliRunner.run(env(), args.toArray(String[]::new));
        JsonNode report = r.out().isBlank() || !args.contains("json") ? null : JSON.readTree(r.out());
        return new Scan(r, report, s);
    }

    static void assertMeets(Scan scan, Path expectations) throws Exception {
        assertThat(ExpectedFindings.check(scan.report(), expectations)).as(scan.run().out()).isEmpty();
    }

    @Test
    void accountFindingsOnTheRightPrincipals(@TempDir Path dir) throws Exception {
        Scan s = scan("account", "--snapshot-out", dir.resolve("snap.json").toString());
        assertThat(s.run().err()).isEmpty();
        assertThat(s.run().exit()).isEqualTo(ExitCode.FINDINGS);
        assertMeets(s, FIXTURES.resolve("account/expected.yml"));
        assertThat(s.report().at("/target/mode").asText()).isEqualTo("cloud");
        assertThat(s.report().at("/target/partial").asBoolean()).isFalse();
        // the role with admin rights is on the second inventory page: both pages were read
        assertThat(s.server().calls.stream().filter("GetAccountAuthorizationDetails"::equals)).hasSize(2);
    }

    @Test
    void rootKeysSecondKeysAndLooseTrust() throws Exception {
        Scan s = scan("account-more");
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertMeets(s, FIXTURES.resolve("account-more/expected.yml"));
    }

    @Test
    void snapshotIsDeterministicAndHoldsNoKeyIds(@TempDir Path dir) throws Exception {
        FixtureTemplates t = new FixtureTemplates(NOW);
        List<String> keys = List.of(t.key("report-agent"), t.key("release-bot"), t.key("alice"));
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", t)) {
            Scan a = scan(s, "--snapshot-out", dir.resolve("a.json").toString());
            Scan b = scan(s, "--snapshot-out", dir.resolve("b.json").toString(), "--format", "text");
            String snap = Files.readString(dir.resolve("a.json"));
            assertThat(snap).isEqualTo(Files.readString(dir.resolve("b.json")));
            for (String k : keys) {
                assertThat(snap).doesNotContain(k).doesNotContain(k.substring(4));
                assertThat(a.run().out()).doesNotContain(k);
                assertThat(b.run().out()).doesNotContain(k);
            }
            JsonNode json = JSON.readTree(snap);
            assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(json.path("provider").asText()).isEqualTo("aws");
            assertThat(json.path("account").asText()).isEqualTo("111122223333");
            JsonNode agent = null;
            for (JsonNode p : json.path("principals")) {
                if (p.path("name").asText().equals("report-agent")) {
                    agent = p;
                }
            }
            assertThat(agent).isNotNull();
            assertThat(agent.path("kind").asText()).isEqualTo("agent");
            assertThat(agent.at("/credentials/0/created").asText()).isEqualTo("2024-06-01T00:00:00Z");
            assertThat(agent.at("/credentials/0/lastUsed").asText()).isEqualTo("2026-05-31T00:00:00Z");
            assertThat(agent.path("grants").toString()).contains("iam:PassRole").contains("Permissions management");
            assertThat(agent.path("risks").toString()).contains("privilege-escalation");
        }
    }

    @Test
    void privilegeCreepAgainstTheFirstSnapshotIsNewTheRestExisting(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.json");
        assertThat(scan("account", "--snapshot-out", first.toString()).run().exit()).isEqualTo(ExitCode.FINDINGS);
        Scan creep = scan("account-creep", "--baseline", first.toString());
        assertThat(creep.run().exit()).isEqualTo(ExitCode.FINDINGS);
        assertMeets(creep, FIXTURES.resolve("account-creep/expected.yml"));
        // --fail-on regressed: creep is new, not a regression
        assertThat(scan("account-creep", "--baseline", first.toString(), "--fail-on", "regressed").run().exit())
                .isEqualTo(ExitCode.OK);
        // the unchanged account against its own snapshot: nothing new, exit 0 under the default --fail-on new
        Scan same = scan("account", "--baseline", first.toString());
        assertThat(same.run().exit()).isEqualTo(ExitCode.OK);
        same.report().path("findings").forEach(f -> assertThat(f.path("status").asText()).isEqualTo("existing"));
    }

    @Test
    void grantsThatComeBackAfterANarrowingAreRegressions(@TempDir Path dir) throws Exception {
        Path creep = dir.resolve("creep.json");
        Path narrowed = dir.resolve("narrowed.json");
        scan("account-creep", "--snapshot-out", creep.toString());
        Scan n = scan("account", "--baseline", creep.toString(), "--snapshot-out", narrowed.toString());
        assertMeets(n, FIXTURES.resolve("account-creep/expected-narrowed.yml"));
        assertThat(JSON.readTree(narrowed.toFile()).path("history").toString()).contains("iam:PassRole on *");
        Scan back = scan("account-creep", "--baseline", narrowed.toString());
        assertMeets(back, FIXTURES.resolve("account-creep/expected-regressed.yml"));
        assertThat(back.run().exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void throttlingIsRetried() throws Exception {
        Scan s = scan("faults");
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(s.server().calls.stream().filter("GetAccountAuthorizationDetails"::equals)).hasSize(4);
        assertMeets(s, FIXTURES.resolve("account/expected.yml"));
    }

    @Test
    void serverErrorsAreRetriedWithinBounds() throws Exception {
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            s.fault("GetAccountSummary", "ServiceUnavailable 503 2");
            Scan ok = scan(s);
            assertThat(ok.run().exit()).isEqualTo(ExitCode.FINDINGS);
            assertThat(ok.server().calls.stream().filter("GetAccountSummary"::equals)).hasSize(3);
        }
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            s.fault("GetAccountSummary", "ServiceUnavailable 503");
            Scan failed = scan(s);
            assertThat(failed.run().exit()).isEqualTo(ExitCode.RUNTIME);
            assertThat(failed.server().calls.stream().filter("GetAccountSummary"::equals)).hasSize(4);
            assertThat(failed.run().err()).contains("iam:GetAccountSummary");
        }
    }

    @Test
    void accessDeniedOnOneCallIsAPartialScanNeverClean(@TempDir Path dir) throws Exception {
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            s.fault("ListAccessKeys", "AccessDenied 403");
            Path snap = dir.resolve("snap.json");
            Scan p = scan(s, "--snapshot-out", snap.toString(), "--fail-on", "none");
            assertThat(p.run().exit()).isEqualTo(ExitCode.RUNTIME);
            assertThat(p.run().err()).contains("partial").contains("iam:ListAccessKeys").contains("access denied")
                    .contains("snapshot not written").doesNotContain("\tat ");
            assertThat(p.run().err().strip().lines().count()).isEqualTo(1);
            assertThat(p.report().at("/target/partial").asBoolean()).isTrue();
            assertThat(p.report().path("warnings").toString()).contains("report-agent");
            // what could be read is still reported
            assertThat(p.report().path("findings").toString()).contains("aws-role-trust-any-principal");
            assertThat(snap).doesNotExist();
        }
    }

    @Test
    void badCredentialsAreOneLine() throws Exception {
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            s.fault("GetCallerIdentity", "InvalidClientTokenId 403");
            Scan r = scan(s);
            assertThat(r.run().exit()).isEqualTo(ExitCode.RUNTIME);
            assertThat(r.run().out()).isEmpty();
            assertThat(r.run().err().strip()).startsWith("holdfast: AWS rejected the credentials (InvalidClientTokenId")
                    .doesNotContain("\n");
        }
    }

    @Test
    void usageErrors() {
        CliRunner.Run none = CliRunner.run(env(), "cloud");
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).isEqualTo("holdfast: cloud needs a provider: aws, azure\n");
        // The action passes any provider name through: the CLI says which ones it knows.
        CliRunner.Run unknown = CliRunner.run(env(), "cloud", "gcp", "--repo", ".");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("holdfast: ").contains("gcp", "aws, azure").doesNotContain("\tat ");
        CliRunner.Run r = CliRunner.run(env(), "cloud", "aws", "--endpoint-url", "not a url");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--endpoint-url");
        CliRunner.Run b = CliRunner.run(env(), "cloud", "aws", "--endpoint-url", "http://127.0.0.1:9",
                "--fail-on", "sometimes");
        assertThat(b.exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void repoLinksPrincipalsToTheirCodeAndLeakedKeysToTheirOwner(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        copy(FIXTURES.resolve("repo"), repo);
        FixtureTemplates t = new FixtureTemplates(NOW);
        String agentKey = t.key("report-agent");
        Files.createDirectories(repo.resolve("config"));
        Files.writeString(repo.resolve("config/deploy.env"), "REGION=us-east-1\nAWS_ACCESS_KEY_ID=" + agentKey + "\n");
        // the bot's key was committed once and deleted since: it lives on in history
        String botKey = t.key("release-bot");
        String leakCommit;
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile())
                .setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("release.sh"), "export AWS_ACCESS_KEY_ID=" + botKey + "\n");
            git.add().addFilepattern("release.sh").call();
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("dev", "dev@example.com");
            leakCommit = git.commit().setMessage("release script").setAuthor(who).setCommitter(who).call().name();
            git.rm().addFilepattern("release.sh").call();
            git.commit().setMessage("remove script").setAuthor(who).setCommitter(who).call();
        }
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", t)) {
            Path snap = dir.resolve("snap.json");
            long walks = dev.holdfast.scanner.git.HistoryWalk.walks();
            Scan r = scan(s, "--repo", repo.toString(), "--snapshot-out", snap.toString());
            // the leak lookup reads the tree and the history through the shared sources: one walk of the history
            assertThat(dev.holdfast.scanner.git.HistoryWalk.walks() - walks).isEqualTo(1);
            assertThat(Files.readString(snap)).doesNotContain(agentKey).doesNotContain(botKey).contains("leaks");
            // the same leaks against that snapshot: existing, not new again
            Scan again = scan(s, "--repo", repo.toString(), "--baseline", snap.toString());
            assertThat(again.run().exit()).isEqualTo(ExitCode.OK);
            for (JsonNode f : again.report().path("findings")) {
                assertThat(f.path("status").asText()).as(ExpectedFindings.brief(f)).isEqualTo("existing");
            }
            assertThat(r.run().exit()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.run().out()).doesNotContain(agentKey);
            JsonNode leak = null;
            for (JsonNode f : r.report().path("findings")) {
                if (f.path("ruleId").asText().equals("aws-leaked-access-key")
                        && f.at("/location/path").asText().equals("config/deploy.env")) {
                    leak = f;
                }
            }
            assertThat(leak).as(r.run().out()).isNotNull();
            assertThat(leak.path("severity").asText()).isEqualTo("critical");
            assertThat(leak.at("/location/path").asText()).isEqualTo("config/deploy.env");
            assertThat(leak.at("/location/line").asInt()).isEqualTo(2);
            assertThat(leak.at("/location/resource").asText()).isEqualTo("arn:aws:iam::111122223333:user/agents/report-agent");
            assertThat(leak.path("message").asText()).contains("Active").contains("2026-05-31");
            JsonNode historic = null;
            for (JsonNode f : r.report().path("findings")) {
                if (f.path("ruleId").asText().equals("aws-leaked-access-key")
                        && f.at("/location/path").asText().equals("release.sh")) {
                    historic = f;
                }
            }
            assertThat(historic).as(r.run().out()).isNotNull();
            assertThat(historic.at("/location/commit").asText()).isEqualTo(leakCommit);
            assertThat(historic.at("/location/resource").asText()).endsWith("user/bots/release-bot");
            assertThat(historic.path("message").asText()).contains("never");
            assertThat(r.run().out()).doesNotContain(botKey);
            String report = r.run().out();
            JsonNode json = r.report();
            boolean linked = false;
            boolean cfn = false;
            for (JsonNode f : json.path("findings")) {
                if (f.path("ruleId").asText().equals("aws-access-key-old")
                        && f.at("/location/resource").asText().endsWith("user/agents/report-agent")) {
                    assertThat(f.at("/location/path").asText()).isEqualTo("infra/iam.tf");
                    assertThat(f.at("/location/line").asInt()).isEqualTo(4);
                    linked = true;
                }
                if (f.path("ruleId").asText().equals("aws-role-trust-any-principal")) {
                    assertThat(f.at("/location/path").asText()).isEqualTo("cfn/break-glass.yaml");
                    assertThat(f.at("/location/line").asInt()).isEqualTo(4);
                    cfn = true;
                }
            }
            assertThat(linked).as(report).isTrue();
            assertThat(cfn).as(report).isTrue();
        }
    }

    static void copy(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void optionalCallsTheEndpointDoesNotOfferAreNotedNotPartial() throws Exception {
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            s.fault("ListRoles", "InvalidAction 400");
            s.fault("ListMFADevices", "InvalidAction 400");
            s.fault("GetAccountSummary", "InvalidAction 400");
            Scan r = scan(s);
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.report().at("/target/partial").asBoolean()).isFalse();
            assertThat(r.report().path("warnings").toString()).contains("iam:ListRoles").contains("not available");
            // the human's admin grant needs MFA by policy: still no credential finding for her
            for (JsonNode f : r.report().path("findings")) {
                if (f.at("/location/resource").asText().endsWith("user/people/alice.martin")) {
                    assertThat(f.path("category").asText()).isNotEqualTo("long-lived-credential");
                }
            }
        }
    }

    @Test
    void configOverridesThresholdsAndIdentityPatterns(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("holdfast.yml");
        Files.writeString(cfg, """
                cloud:
                  thresholds:
                    accessKeyMaxAgeDays: 5000
                  identity:
                    names:
                      - { pattern: "^legacy-etl$", kind: agent }
                """);
        Scan s = scan("account", "--config", cfg.toString());
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        String findings = s.report().path("findings").toString();
        assertThat(findings).doesNotContain("aws-access-key-old").contains("aws-access-key-machine-identity");
        for (JsonNode f : s.report().path("findings")) {
            if (f.at("/location/resource").asText().endsWith("role/service/legacy-etl")) {
                assertThat(f.at("/properties/identityKind").asText()).isEqualTo("agent");
            }
        }
        Files.writeString(cfg, "cloud:\n  thresholds:\n    keyAge: 3\n");
        CliRunner.Run bad = scan("account", "--config", cfg.toString()).run();
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("keyAge").doesNotContain("\n\t");
        Files.writeString(cfg, "cloud:\n  identiy: {}\n");
        CliRunner.Run typo = scan("account", "--config", cfg.toString()).run();
        assertThat(typo.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("cloud.identiy");
    }

    @Test
    void everyReportFormatRendersACloudScanWithoutKeyIds(@TempDir Path dir) throws Exception {
        FixtureTemplates t = new FixtureTemplates(NOW);
        List<String> keys = List.of(t.key("report-agent"), t.key("release-bot"), t.key("alice"));
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", t)) {
            List<String> args = new ArrayList<>(List.of("--fail-on", "none", "--format", "text"));
            for (String f : dev.holdfast.reports.Reports.FORMATS) {
                args.addAll(List.of("--report", f + "=" + dir.resolve("report." + f)));
            }
            Scan r = scan(s, args.toArray(String[]::new));
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.OK);
            for (String f : dev.holdfast.reports.Reports.FORMATS) {
                String text = Files.readString(dir.resolve("report." + f));
                assertThat(text).as(f).isNotBlank();
                for (String k : keys) {
                    assertThat(text).as(f).doesNotContain(k);
                }
            }
            assertThat(Files.readString(dir.resolve("report.markdown"))).contains("report-agent");
        }
    }
}
