package dev.holdfast.reports.github;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.reports.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GithubReportsTest {

    private static List<String> annotations(dev.holdfast.scanner.scan.ScanResult r) throws IOException {
        StringWriter out = new StringWriter();
        new AnnotationsReport().render(r, out);
        return out.toString().lines().toList();
    }

    @Test
    void atMostTenAnnotationsThenOneNotice() throws IOException {
        List<String> lines = annotations(Fixtures.many(30));
        assertThat(lines).hasSize(11);
        assertThat(lines.subList(0, 10)).allMatch(l -> l.startsWith("::error ") || l.startsWith("::warning "));
        assertThat(lines.get(10)).isEqualTo("::notice title=holdfast::20 more finding(s) not annotated; see the job "
                + "summary and the SARIF upload");
        // Regressions first.
        assertThat(lines.get(0)).contains("title=Regression%3A holdfast github-token");
    }

    @Test
    void annotationsPointAtFileAndLineAndSayWho() throws IOException {
        List<String> lines = annotations(Fixtures.mixed());
        assertThat(lines).hasSize(6); // fixed findings are not annotated
        assertThat(lines.get(0)).startsWith("::error file=src/main/resources/application.properties,line=3,col=15,"
                + "title=Regression%3A holdfast aws-access-key (critical)::")
                .contains("Copilot (agent, for Alice Admin)").contains("undoes fix beef22222222 by Bob Builder");
        assertThat(lines).anyMatch(l -> l.startsWith("::error title=Regression%3A holdfast aws-user-static-key")
                && l.contains("[arn:aws:iam::123456789012:user/agents/ci-bot]"));
        assertThat(lines).anyMatch(l -> l.startsWith("::warning file=infra/iam/policy.json,line=5,col=7,"));
    }

    @Test
    void hostileTextCannotInjectWorkflowCommands() {
        Finding f = Fixtures.newGithubToken().withLocation(Location.file("a,b:c.txt", 1, 1));
        Finding hostile = new Finding(f.fingerprint(), f.ruleId(), f.category(), f.severity(), f.status(),
                "boom\n::add-mask::x\r\n::stop-commands::abc 100%", f.location(), f.redacted(), f.introducedBy(),
                null, null, null);
        String line = AnnotationsReport.annotation(hostile);
        assertThat(line).doesNotContain("\n", "\r").contains("file=a%2Cb%3Ac.txt").contains("100%25");
    }

    @Test
    void outputsCountWhatThePresentFindingsAre() throws IOException {
        StringWriter out = new StringWriter();
        new OutputsReport().render(Fixtures.mixed(), out);
        assertThat(out.toString()).isEqualTo("findings=6\nregressions=2\nnew=3\nfixed=1\npartial=false\n");
    }
}
