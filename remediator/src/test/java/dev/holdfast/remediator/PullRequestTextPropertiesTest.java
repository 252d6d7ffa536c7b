package dev.holdfast.remediator;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull-request text that {@code fix} prints and publishes, with a hostile string in every field that comes from
 * the repository (paths, author and fixer names and e-mails, messages, redacted values, rule ids, remediation hints,
 * the change's reason, reference-name notes): the title stays one line without control characters, the body holds no
 * raw control character, no markup, HTML, link or @mention the input brought, no line a CI log would run as a workflow
 * command, and its metadata still reads back. 200 tries each.
 */
class PullRequestTextPropertiesTest {
    private static final List<String> NASTY = List.of("\u001b[31m",
            "\u001b]8;;https://evil.example/\u0007x\u001b]8;;\u0007", "\u0007", "\u0000", "\r", "\n", "\t", "\b",
            "\u007f", "\u009b31m", "\u202e", "\u2028", "\uD800", "\uDC00",
            "\"", "'", "\\", "<script>", "</script>", "-->", "<!--", "<!-- holdfast:meta {} -->", "|", "`", "```",
            "*", "_", "__x__", "[x](javascript:alert(1))", "![i](https://evil.example/p.png)", "<img src=x>", "%0A",
            "::error::", "\n::set-output name=x::y", "\n  ::add-mask::", "##[error]", "::", ",", "%",
            "${{ secrets.X }}", "日本", "😀", " ", "&amp;", "@here", "@octocat", "#1", "> quote", "- item");
    /** A link the text makes itself: "[" not escaped, then "](". */
    private static final Pattern LINK = Pattern.compile("(?<!\\\\)\\]\\(");

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(NASTY).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l)));
    }

    private static Fix fix(String s) {
        Attribution by = new Attribution("c0ffee1111111111111111111111111111111111", s, s + "@example.com",
                IdentityKind.AGENT, Instant.parse("2026-11-20T10:15:30Z"), new Person(s, s + "@example.org"));
        FixRef ref = new FixRef("beef222222222222222222222222222222222222", s, s + "@example.net",
                Instant.parse("2026-10-01T08:00:00Z"));
        String path = "dir/" + s + ".properties";
        Finding secret = new Finding("aws-access-key:" + Integer.toHexString(s.hashCode()), "aws-access-key",
                Category.SECRET, Severity.CRITICAL, Status.REGRESSED, "AWS key " + s + " in a file",
                new Location(path, 3, 5, null, null), "AKIA…" + s, by, ref, "Rotate " + s + "\nthen " + s, null);
        Finding custom = new Finding("custom:" + Integer.toHexString(s.hashCode()), "custom-" + s,
                Category.PRIVILEGE, Severity.HIGH, Status.REGRESSED, s, new Location(path, 4, 1, null, null), s, by,
                ref, s, null);
        return new Fix(List.of(secret, custom), List.of(new FileEdit(path, "a=1\n".getBytes(StandardCharsets.UTF_8),
                "a=${A}\n".getBytes(StandardCharsets.UTF_8))), Strategy.RULE_FIXER, ref, "references " + s,
                "0123456789abcdef0123456789abcdef01234567", List.of(s + " comes from " + path));
    }

    @Property(tries = 200)
    void pullRequestTitleAndBodyStayFreeOfRawControls(@ForAll("hostile") String s) {
        Fix fix = fix(s);
        PullRequestText text = PullRequestText.of(fix, "https://github.com/octo-org/demo/pull/3");
        for (int i = 0; i < text.title().length(); i++) {
            char c = text.title().charAt(i);
            assertThat(c < 0x20 || c == 0x7f).as("title control U+%04X: %s", (int) c, text.title())
                    .isFalse();
        }
        String body = text.body();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            assertThat(c < 0x20 && c != '\n').as("body control U+%04X at %d", (int) c, i).isFalse();
        }
        assertThat(PullRequestText.fingerprintsIn(body)).containsExactlyElementsOf(FixNames.fingerprints(fix));
    }

    @Property(tries = 200)
    void hostileTextAddsNoMarkupMentionOrWorkflowCommand(@ForAll("hostile") String s) {
        String body = PullRequestText.of(fix(s), null).body();
        String prose = body.substring(0, body.indexOf("<!-- holdfast:meta "));
        assertThat(prose).as("HTML or an autolink").doesNotContain("<");
        assertThat(prose).as("an @mention").doesNotContain("@");
        Matcher links = LINK.matcher(prose);
        int count = 0;
        while (links.find()) {
            count++;
        }
        assertThat(count).as("links: only the footer's own").isEqualTo(1);
        assertThat(body.split("<!-- holdfast:meta ", -1)).as("one metadata comment").hasSize(2);
        for (String line : body.split("\n", -1)) {
            assertThat(line.stripLeading()).as("workflow command line").doesNotStartWith("::");
            assertThat(line).as("legacy workflow command").doesNotContain("##[");
        }
    }
}
