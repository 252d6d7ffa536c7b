package dev.holdfast.reports.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.Reports;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.scan.ScanWarning;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report writers get strings from the scanned repository (paths, author names and e-mails, commit-derived messages,
 * parser warnings) and from cloud APIs (resource names). With hostile strings in every one of those fields, every
 * format still renders: JSON and SARIF stay valid JSON, and no format carries a raw control character (ESC, BEL,
 * CR, NUL...) from the input. 200 tries each. The pull-request text has the same property in the remediator
 * ({@code PullRequestTextPropertiesTest}), which renders it with this module's Markdown escaping.
 */
class WriterPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NASTY = List.of("\u001b[31m", "\u001b]8;;https://evil.example/\u0007x\u001b]8;;\u0007",
            "\u0007", "\u0000", "\r", "\n", "\t", "\b", "\u007f", "\u009b31m", "\u202e", "\u2028", "\uD800", "\uDC00",
            "\"", "'", "\\", "<script>", "</script>", "-->", "<!--", "]]>", "|", "`", "```", "*", "_", "[x](javascript:alert(1))",
            "%0A", "::error::", "::", ",", "%", "${{ secrets.X }}", "日本", "😀", " ", "&amp;", "@here", "#1");

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(NASTY).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l)));
    }

    private static Finding finding(String s, Status status, boolean file) {
        Location location = file ? new Location("dir/" + s + ".properties", 3, 5, null, null)
                : new Location(null, 0, 0, null, "arn:aws:iam::123456789012:user/" + s);
        return new Finding("aws-access-key:" + Integer.toHexString(s.hashCode()) + status.ordinal(), "aws-access-key",
                Category.SECRET, Severity.CRITICAL, status, "AWS key " + s + " in a file", location, "AKIA…" + s,
                new Attribution("c0ffee1111111111111111111111111111111111", s, s + "@example.com",
                        IdentityKind.AGENT, Instant.parse("2026-11-20T10:15:30Z"), new Person(s, s)),
                status == Status.REGRESSED ? new FixRef("beef222222222222222222222222222222222222", s, s,
                        Instant.parse("2026-10-01T08:00:00Z")) : null,
                "Rotate " + s, Map.of());
    }

    private static ScanResult result(String s) {
        List<Finding> findings = List.of(finding(s, Status.REGRESSED, true), finding(s, Status.NEW, false),
                finding(s, Status.FIXED, true));
        return new ScanResult(new ScanTarget("repo/" + s, "0123456789abcdef0123456789abcdef01234567", "history"),
                findings, Fixtures.rules(), List.of(new ScanWarning(s, "unreadable: " + s)), false);
    }

    @Property(tries = 200)
    void everyFormatStaysValidAndFreeOfRawControls(@ForAll("hostile") String s) throws Exception {
        ScanResult result = result(s);
        for (String format : Reports.FORMATS) {
            StringWriter out = new StringWriter();
            Reports.forFormat(format, ReportContext.minimal("0.0.0-test")).render(result, out);
            String text = out.toString();
            if (format.equals("json") || format.equals("sarif")) {
                assertThat(JSON.readTree(text)).as(format).isNotNull();
            }
            assertNoRawControls(format, text);
        }
    }

    /**
     * No C0 control character except newline may appear in any report; HTML and Markdown may also keep a tab, which
     * they render as a space. What is shown on a terminal or in the Actions log (text, annotations, PR title) has no
     * DEL either; JSON may carry DEL raw, as the JSON grammar allows.
     */
    static void assertNoRawControls(String what, String text) {
        boolean tabOk = what.equals("html") || what.equals("markdown") || what.equals("body");
        boolean terminal = what.equals("text") || what.equals("github-annotations") || what.equals("title");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = (c < 0x20 && c != '\n' && !(tabOk && c == '\t')) || (c == 0x7f && terminal);
            if (bad) {
                throw new AssertionError(what + ": raw control U+" + String.format("%04X", (int) c) + " at " + i
                        + " near: " + text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 20))
                        .replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
