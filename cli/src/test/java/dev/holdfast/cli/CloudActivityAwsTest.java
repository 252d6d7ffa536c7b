package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.IamQueryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.holdfast.cli.CloudAwsCommandTest.FIXTURES;
import static dev.holdfast.cli.CloudAwsCommandTest.JSON;
import static dev.holdfast.cli.CloudAwsCommandTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code holdfast cloud aws --baseline} with activity: the AWS SDK's CloudTrail client reads LookupEvents (JSON 1.1,
 * the record embedded as a JSON string, paged by NextToken) from the same local endpoint as IAM and STS, and each
 * change since the baseline names who made it. The baseline is the {@code account} scenario taken a week earlier;
 * {@code account-activity} is the account now, with its CloudTrail events as data files.
 */
class CloudActivityAwsTest {
    static final String TRIAGE = "arn:aws:iam::111122223333:role/agents/triage-agent";
    static final String ETL = "arn:aws:iam::111122223333:role/service/legacy-etl";
    static final String REPORT = "arn:aws:iam::111122223333:user/agents/report-agent";

    /** The baseline snapshot: the {@code account} scenario, taken seven days before {@link CloudAwsCommandTest#NOW}. */
    static Path baseline(Path dir) throws Exception {
        Path snap = dir.resolve("baseline.json");
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW))) {
            Map<String, String> env = CloudAwsCommandTest.env();
            env.put("HOLDFAST_NOW", NOW.minus(Duration.ofDays(7)).toString());
            CliRunner.Run r = CliRunner.run(env, "cloud", "aws", "--endpoint-url", s.url(), "--snapshot-out",
                    snap.toString(), "--format", "json");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(s.calls).doesNotContain("LookupEvents"); // no baseline, no --activity: no activity read
        }
        return snap;
    }

    record Run(CliRunner.Run run, JsonNode report, List<String> calls) {
    }

    static Run scan(IamQueryServer s, String... extra) throws Exception {
        return scanPaced(s, 0, extra);
    }

    static Run scanPaced(IamQueryServer s, long paceMs, String... extra) throws Exception {
        return scanWith(s, Map.of("HOLDFAST_LOOKUP_PACE_MS", Long.toString(paceMs)), extra);
    }

    static Run scanWith(IamQueryServer s, Map<String, String> vars, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("cloud", "aws", "--endpoint-url", s.url(), "--format", "json"));
        args.addAll(List.of(extra));
        Map<String, String> env = CloudAwsCommandTest.env();
        env.put("HOLDFAST_LOOKUP_PACE_MS", "0");
        env.putAll(vars);
        CliRunner.Run r = CliRunner.run(env, args.toArray(String[]::new));
        return new Run(r, r.out().isBlank() ? null : JSON.readTree(r.out()), List.copyOf(s.calls));
    }

    static JsonNode finding(JsonNode report, String rule, String resource, String grant) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals(rule) && f.at("/location/resource").asText().equals(resource)
                    && (grant == null || f.at("/properties/grant").asText().equals(grant))) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " on " + resource + " " + grant + " in " + report.path("findings"));
    }

    @Test
    void anAgentGrantingItselfAdminAndAPersonsConsoleChangeAreAttributed(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            Path html = dir.resolve("report.html");
            Run r = scan(s, "--baseline", base.toString(), "--report", "html=" + html);
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.report().at("/target/partial").asBoolean()).isFalse();
            // eight events, two per page: four LookupEvents calls, following NextToken
            assertThat(r.calls().stream().filter("LookupEvents"::equals)).hasSize(4);

            JsonNode admin = finding(r.report(), "cloud-privilege-creep", TRIAGE, "* on *");
            assertThat(admin.path("status").asText()).isEqualTo("new");
            JsonNode by = admin.path("introducedBy");
            assertThat(by.path("kind").asText()).isEqualTo("agent");
            assertThat(by.path("name").asText()).isEqualTo("triage-agent (session claude-code-7f3a)");
            assertThat(by.at("/onBehalfOf/name").asText()).isEqualTo("dana.lee@example.com");
            assertThat(by.path("date").asText()).isEqualTo(NOW.minus(Duration.ofHours(144)).toString());
            assertThat(admin.at("/properties/changeEvent").asText()).isEqualTo("a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a02");
            assertThat(admin.at("/properties/changeAction").asText()).isEqualTo("iam:AttachRolePolicy");
            assertThat(admin.at("/properties/changeDetail").asText()).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
            assertThat(admin.at("/properties/changeUserAgent").asText()).startsWith("claude-code/");
            assertThat(admin.at("/properties/selfChange").asText()).isEqualTo("true");
            assertThat(admin.at("/properties/identityKind").asText()).isEqualTo("agent"); // the holder, kept apart
            assertThat(admin.path("message").asText()).contains(
                    "granted by agent triage-agent (session claude-code-7f3a) to itself on behalf of dana.lee@example.com",
                    "event a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a02", NOW.minus(Duration.ofHours(144)).toString());
            // the risk findings the new grant makes are explained by the same event
            JsonNode risk = finding(r.report(), "aws-admin-grant", TRIAGE, null);
            assertThat(risk.at("/introducedBy/kind").asText()).isEqualTo("agent");
            assertThat(risk.at("/properties/changeEvent").asText()).isEqualTo("a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a02");

            JsonNode console = finding(r.report(), "cloud-privilege-creep", ETL, "dynamodb:PutItem on "
                    + "arn:aws:dynamodb:us-east-1:111122223333:table/orders");
            assertThat(console.at("/introducedBy/kind").asText()).isEqualTo("human");
            assertThat(console.at("/introducedBy/name").asText()).isEqualTo("alice.martin");
            assertThat(console.at("/introducedBy/onBehalfOf").isMissingNode()).isTrue();
            assertThat(console.at("/properties/changeVia").asText()).isEqualTo("console");
            assertThat(console.at("/properties/selfChange").isMissingNode()).isTrue();
            assertThat(console.path("message").asText()).contains("granted by person alice.martin in the console");

            // an agent session with no source identity acts for whoever assumed its role: the AssumeRole chain
            JsonNode key = finding(r.report(), "cloud-credential-added", REPORT, null);
            assertThat(key.at("/introducedBy/name").asText()).isEqualTo("triage-agent (session codex-run-42)");
            assertThat(key.at("/introducedBy/onBehalfOf/name").asText()).isEqualTo("alice.martin");

            // the HTML timeline per principal: each grant, when, and who added it
            String page = Files.readString(html);
            String timeline = page.substring(page.indexOf("<section id=\"timeline\">"));
            timeline = timeline.substring(0, timeline.indexOf("</section>"));
            String triage = timeline.substring(timeline.indexOf("data-principal=\"" + TRIAGE.replace(":", "&#58;")));
            triage = triage.substring(0, triage.indexOf("</div>"));
            assertThat(triage).contains("cloud-privilege-creep * on *", "triage-agent (session claude-code-7f3a) "
                    + "(agent, for dana.lee@example.com), to itself", "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a02",
                    NOW.minus(Duration.ofHours(144)).toString().replace(":", "&#58;"));
            assertThat(timeline).contains("alice.martin (human), in the console");

            // unchanged findings name nobody: the holder did not make them
            for (JsonNode f : r.report().path("findings")) {
                if (f.path("status").asText().equals("existing")) {
                    assertThat(f.has("introducedBy")).as(f.toString()).isFalse();
                }
            }
        }
    }

    @Test
    void whatAgentsUsedAgainstWhatTheyHold(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            Run r = scan(s, "--baseline", base.toString());
            JsonNode unused = finding(r.report(), "aws-unused-grant", REPORT, null);
            assertThat(unused.at("/properties/unusedServices").asText()).isEqualTo("iam,s3");
            assertThat(unused.at("/properties/usedServices").asText()).isEqualTo("lambda");
            assertThat(unused.at("/properties/evidence").asText()).contains("service-last-accessed");
            assertThat(unused.at("/properties/unusedGrants").asText()).contains("iam:PassRole on *");
            JsonNode star = finding(r.report(), "aws-unused-grant", TRIAGE, null);
            assertThat(star.at("/properties/suggestion").asText()).isEqualTo("replace * with actions of iam, logs");
            assertThat(r.calls()).contains("GenerateServiceLastAccessedDetails", "GetServiceLastAccessedDetails");

            JsonNode warm = finding(r.report(), "aws-agent-role-warm", TRIAGE, null);
            assertThat(warm.at("/properties/callers").asText())
                    .isEqualTo("arn:aws:iam::111122223333:user/people/alice.martin,dana.lee@example.com");
            // what identities did is not a change someone made: these carry no actor
            assertThat(unused.has("introducedBy")).isFalse();
            assertThat(warm.has("introducedBy")).isFalse();
            JsonNode shared = finding(r.report(), "aws-agent-key-shared", REPORT, null);
            assertThat(shared.at("/properties/userAgents").asText()).isEqualTo("Boto3,aws-cli");
            assertThat(shared.at("/properties/sourceIps").asText()).isEqualTo("192.0.2.99,198.51.100.7");

            // the same account against this run's snapshot: these suggestions are existing, not new again
            Path now = dir.resolve("now.json");
            scan(s, "--baseline", base.toString(), "--snapshot-out", now.toString());
            Run again = scan(s, "--baseline", now.toString());
            assertThat(finding(again.report(), "aws-unused-grant", REPORT, null).path("status").asText())
                    .isEqualTo("existing");
        }
    }

    @Test
    void throttledLookupsAreRetriedWithinBounds(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            s.fault("LookupEvents", "ThrottlingException 400 2");
            Run r = scan(s, "--baseline", base.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.calls().stream().filter("LookupEvents"::equals)).hasSize(6);
            assertThat(finding(r.report(), "cloud-privilege-creep", TRIAGE, "* on *").at("/introducedBy/kind")
                    .asText()).isEqualTo("agent");
        }
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            s.fault("LookupEvents", "ThrottlingException 400");
            Path snap = dir.resolve("snap.json");
            Run r = scan(s, "--baseline", base.toString(), "--snapshot-out", snap.toString());
            assertThat(r.run().exit()).isEqualTo(ExitCode.RUNTIME);
            assertThat(r.calls().stream().filter("LookupEvents"::equals)).hasSize(4); // the SDK's bounded retries
            assertThat(r.run().err().strip()).startsWith("holdfast: partial aws scan (attribution only)")
                    .contains("cloudtrail:LookupEvents", "ThrottlingException").doesNotContain("\tat ");
            assertThat(snap).exists(); // the inventory was complete: only attribution is missing
        }
    }

    @Test
    void lookupsKeepToThePaceCloudTrailAllows(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            Run r = scanPaced(s, 300, "--baseline", base.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            List<Long> at = List.copyOf(s.trailCallTimes);
            assertThat(at).hasSize(4);
            // the client waits its pace between pages (a lower bound only: load can only lengthen the gaps);
            // 50 ms allow for the requests' own jitter on the way to the server
            for (int i = 1; i < at.size(); i++) {
                assertThat(Duration.ofNanos(at.get(i) - at.get(i - 1))).isGreaterThan(Duration.ofMillis(250));
            }
        }
    }

    @Test
    void aLogCutAtThePageBoundSaysWhatItDidNotRead(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            Run r = scanWith(s, Map.of("HOLDFAST_LOOKUP_MAX_PAGES", "2"), "--baseline", base.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.calls().stream().filter("LookupEvents"::equals)).hasSize(2);
            // newest first: the two pages hold the last four events; the agent's own admin grant is older
            assertThat(finding(r.report(), "cloud-privilege-creep", TRIAGE, "* on *").at("/properties/attribution")
                    .asText()).isEqualTo("unattributed");
            assertThat(finding(r.report(), "cloud-credential-added", REPORT, null).at("/introducedBy/name").asText())
                    .isEqualTo("triage-agent (session codex-run-42)");
            assertThat(r.report().path("warnings").toString()).contains("stopped after 2 pages (4 events)");
        }
        CliRunner.Run bad = CliRunner.run(Map.of("HOLDFAST_LOOKUP_MAX_PAGES", "many"), "cloud", "aws",
                "--endpoint-url", "http://127.0.0.1:9");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("HOLDFAST_LOOKUP_MAX_PAGES");
    }

    @Test
    void accessDeniedOnLookupEventsKeepsTheFindingsUnattributedAndIsNeverClean(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            s.fault("LookupEvents", "AccessDeniedException 400");
            Run r = scan(s, "--baseline", base.toString(), "--fail-on", "none");
            assertThat(r.run().exit()).isEqualTo(ExitCode.RUNTIME);
            assertThat(r.run().err()).contains("partial", "access denied on cloudtrail:LookupEvents");
            assertThat(r.report().at("/target/partial").asBoolean()).isTrue();
            JsonNode admin = finding(r.report(), "cloud-privilege-creep", TRIAGE, "* on *");
            assertThat(admin.path("status").asText()).isEqualTo("new");
            assertThat(admin.has("introducedBy")).isFalse();
            assertThat(admin.at("/properties/attribution").asText()).isEqualTo("unattributed");
            assertThat(admin.at("/properties/attributionReason").asText()).contains("access denied");
            // no activity, no claim that a grant went unused
            assertThat(r.report().path("findings").toString()).doesNotContain("aws-unused-grant");
        }
    }

    @Test
    void aTrailWithNoEventsSaysNoActivityDataNotNobody(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-creep", new FixtureTemplates(NOW))) {
            Run r = scan(s, "--baseline", base.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            JsonNode creep = finding(r.report(), "cloud-privilege-creep", "arn:aws:iam::111122223333:role/ci/site-deploy",
                    "iam:PassRole on *");
            assertThat(creep.at("/properties/attribution").asText()).isEqualTo("no activity data");
            assertThat(creep.has("introducedBy")).isFalse();
            assertThat(r.report().path("warnings").toString()).contains("no activity data");
            // --no-activity: not asked, so nothing is said about it
            Run off = scan(s, "--baseline", base.toString(), "--no-activity");
            assertThat(finding(off.report(), "cloud-privilege-creep", "arn:aws:iam::111122223333:role/ci/site-deploy",
                    "iam:PassRole on *").at("/properties/attribution").isMissingNode()).isTrue();
        }
    }

    @Test
    void malformedEventsAndGonePrincipalsAreNamedAndTheRestStillJoins(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity-messy", new FixtureTemplates(NOW))) {
            Run r = scan(s, "--baseline", base.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.report().at("/target/partial").asBoolean()).isFalse();
            assertThat(r.report().path("warnings").toString())
                    .contains("event 7d0c1b2a-3e4f-4a5b-9c6d-7e8f9a0b1c90", "malformed or truncated CloudTrailEvent");
            JsonNode admin = finding(r.report(), "cloud-privilege-creep", TRIAGE, "* on *");
            assertThat(admin.at("/properties/changeEvent").asText()).isEqualTo("a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a02");
            // a denied attempt changed nothing: it explains nothing
            assertThat(r.report().path("findings").toString()).doesNotContain("0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a11");
            // the report never echoes the account's key ids the events carry
            FixtureTemplates t = new FixtureTemplates(NOW);
            assertThat(r.run().all()).doesNotContain(t.key("report-agent"));
            assertThat(Files.exists(base)).isTrue();
        }
    }
}
