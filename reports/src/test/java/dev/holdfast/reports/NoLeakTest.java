package dev.holdfast.reports;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports rendered from findings about generated secrets, with the secret-bearing files readable (SARIF hashes their
 * lines), hold only the redacted form: no eight consecutive characters of any secret.
 */
class NoLeakTest {
    @TempDir
    Path root;

    @Test
    void noReportHoldsARawSecret() throws IOException {
        Fixtures.writeSources(root);
        ScanResult result = Fixtures.mixed();
        StringBuilder all = new StringBuilder();
        for (String format : List.of("sarif", "markdown", "html", "github-annotations", "github-output")) {
            ReportContext ctx = ReportContext.withSources("1", SourceProvider.directory(root));
            StringWriter out = new StringWriter();
            Reports.forFormat(format, ctx).render(result, out);
            assertNoSecret(format, out.toString());
            all.append(out).append(String.join("\n", ctx.warnings().list()));
        }
        List<Finding> fs = result.findings();
        // The redacted forms are there: the reports did render the findings.
        assertThat(all).contains(fs.get(0).redacted());
    }

    private static void assertNoSecret(String what, String text) {
        for (String secret : List.of(Fixtures.AWS_KEY, Fixtures.GH_TOKEN)) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                assertThat(text).as(what + " leaks part of a secret").doesNotContain(secret.substring(i, i + 8));
            }
        }
    }
}
