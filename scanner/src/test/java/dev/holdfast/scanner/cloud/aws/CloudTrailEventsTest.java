package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.CloudActivity;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded CloudTrail record as a hostile input: every truncation of a real record, and random bytes, give an
 * activity attributed from the lookup's own fields and one warning naming the event — never an exception. A real
 * record of an agent's session names the role, the session, the source identity and the change.
 */
class CloudTrailEventsTest {
    static final Path RECORD = Path.of("..", "fixtures", "cloud", "aws", "account-activity", "cloudtrail",
            "020-agent-attaches-admin-to-its-own-role.json");
    static final String ROLE = "arn:aws:iam::111122223333:role/agents/triage-agent";
    static final PrincipalClassifier CLASSIFIER = PrincipalClassifier.defaults();

    static CloudSnapshot snapshot() {
        CloudPrincipal role = new CloudPrincipal(ROLE, "role", "triage-agent", "/agents/", "agent", null, null, null,
                43200, null, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        return new CloudSnapshot(1, "aws", "111122223333", null, "2026-06-01T00:00:00Z", List.of(role), List.of());
    }

    static Event event(String record) {
        return Event.builder().eventId("0f0e0d0c-0000-4000-8000-000000000001").eventName("AttachRolePolicy")
                .eventSource("iam.amazonaws.com").eventTime(Instant.parse("2026-05-26T00:00:00Z"))
                .username("triage-agent").cloudTrailEvent(record).build();
    }

    static String record() throws Exception {
        return Files.readString(RECORD).replace("{{HOURS_AGO:145}}", "2026-05-25T23:00:00Z")
                .replace("{{HOURS_AGO:144}}", "2026-05-26T00:00:00Z");
    }

    @Test
    void aRealRecordNamesRoleSessionSourceIdentityAndChange() throws Exception {
        CloudTrailEvents p = new CloudTrailEvents(snapshot(), null, CLASSIFIER);
        List<CloudActivity> a = p.parse(List.of(event(record())));
        assertThat(p.warnings()).isEmpty();
        assertThat(a).hasSize(1);
        CloudActivity e = a.get(0);
        assertThat(e.action()).isEqualTo("iam:AttachRolePolicy");
        assertThat(e.change()).isEqualTo("grant");
        assertThat(e.target()).isEqualTo(ROLE);
        assertThat(e.detail()).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(e.actor().id()).isEqualTo(ROLE);
        assertThat(e.actor().session()).isEqualTo("claude-code-7f3a");
        assertThat(e.actor().kind()).isEqualTo(IdentityKind.AGENT);
        assertThat(e.actor().onBehalfOf()).isEqualTo("dana.lee@example.com");
        assertThat(e.at()).isEqualTo(Instant.parse("2026-05-26T00:00:00Z"));
    }

    @Test
    void everyTruncationOfARecordIsOneWarningAndNeverAnException() throws Exception {
        String whole = record();
        for (int cut = 0; cut < whole.length() - 1; cut++) {
            String part = whole.substring(0, cut);
            CloudTrailEvents p = new CloudTrailEvents(snapshot(), null, CLASSIFIER);
            List<CloudActivity> a = p.parse(List.of(event(part)));
            assertThat(a).as("cut at %d", cut).hasSize(1);
            assertThat(a.get(0).actor().name()).isEqualTo("triage-agent");
            assertThat(a.get(0).at()).isEqualTo(Instant.parse("2026-05-26T00:00:00Z"));
            assertThat(p.warnings()).as("cut at %d", cut).hasSize(1);
            assertThat(p.warnings().get(0).reason()).contains("0f0e0d0c-0000-4000-8000-000000000001");
        }
    }

    @Test
    void randomBytesAndWrongShapesAreWarningsNeverExceptions() {
        Random r = new Random(20);
        List<String> shapes = List.of("[]", "null", "42", "\"text\"", "{\"userIdentity\": 7}",
                "{\"userIdentity\": {\"type\": \"AssumedRole\"}}", "{\"eventTime\": \"yesterday\"}",
                "{\"requestParameters\": [1, 2], \"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"PutRolePolicy\"}");
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            String junk = i < shapes.size() ? shapes.get(i) : new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            CloudTrailEvents p = new CloudTrailEvents(snapshot(), null, CLASSIFIER);
            assertThat(p.parse(List.of(event(junk)))).as(junk).hasSize(1);
        }
    }
}
