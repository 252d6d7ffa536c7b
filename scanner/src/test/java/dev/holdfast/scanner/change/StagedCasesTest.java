package dev.holdfast.scanner.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a commit would add, case by case ({@code change/staged-cases.yaml}): each case builds a real repository with
 * the git binary, stages a change, and scans it with the built-in secret rules. Secrets are generated at run time.
 */
class StagedCasesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> cases() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/change/staged-cases.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            Path dir = tmp.resolve("case" + i++);
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c, dir)));
        }
        return tests;
    }

    private void run(JsonNode c, Path dir) throws Exception {
        Files.createDirectories(dir);
        GitCli git = new GitCli(dir);
        git.run("init", "-q", "-b", "main");
        Map<String, String> secrets = new TreeMap<>();
        SecretGenerator gen = new SecretGenerator(c.get("name").asText().hashCode());
        for (JsonNode step : c.get("steps")) {
            apply(step, dir, git, secrets, gen);
        }
        Staging staging = Staging.valueOf(c.path("staging").asText("index").toUpperCase(Locale.ROOT));
        ScanResult r;
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(dir.toFile()).setMustExist(true).build()) {
            List<String> also = new ArrayList<>();
            c.path("alsoPaths").forEach(x -> also.add(x.asText()));
            StagedChange change = new StagedChangeReader(repo).read(staging, also);
            assertThat(change.isEmpty()).as("empty").isEqualTo(c.path("empty").asBoolean(false));
            FindingFactory factory = new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey()));
            r = new StagedScanner(RuleCatalogue.builtin().detector(v -> false), factory,
                    c.path("maxFileSize").asLong(10L * 1024 * 1024), p -> false).scan(repo, change, dir.toString());
        }
        List<String> found = r.findings().stream().map(StagedCasesTest::where).distinct().sorted().toList();
        List<String> expected = new ArrayList<>();
        c.path("expect").forEach(e -> expected.add(e.asText()));
        assertThat(found).as("findings").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.target().mode()).isEqualTo("staged");
        for (JsonNode note : c.path("notes")) {
            assertThat(r.warnings()).map(ScanWarning::reason).anySatisfy(w -> assertThat(w).contains(note.asText()));
        }
        assertThat(r.partial()).isFalse();
        String all = r.findings().toString() + r.warnings();
        secrets.values().forEach(v -> assertThat(all).doesNotContain(v));
        for (Finding f : r.findings()) {
            assertThat(f.location().commit()).isNull();
        }
    }

    private static String where(Finding f) {
        return f.location().path() + ":" + f.location().line();
    }

    private static void apply(JsonNode step, Path dir, GitCli git, Map<String, String> secrets, SecretGenerator gen)
            throws Exception {
        if (step.has("write")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = step.get("write").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, expand(e.getValue().asText(), secrets, gen));
            }
        } else if (step.has("bytes")) {
            // a binary file: a PNG header, a NUL, then a key git's rule must keep unread
            JsonNode b = step.get("bytes");
            byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0};
            byte[] tail = expand(b.get("text").asText(), secrets, gen).getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            Files.write(dir.resolve(b.get("path").asText()), all);
        } else if (step.has("repeat")) {
            JsonNode rp = step.get("repeat");
            String line = expand(rp.get("line").asText(), secrets, gen);
            Files.writeString(dir.resolve(rp.get("path").asText()), line.repeat(rp.get("times").asInt()));
        } else if (step.has("git")) {
            List<String> args = new ArrayList<>();
            step.get("git").forEach(a -> args.add(a.asText()));
            git.run(step.path("mayFail").asBoolean(false), args.toArray(String[]::new));
        } else if (step.has("commit")) {
            git.run("add", "-A");
            git.run("commit", "-q", "-m", step.get("commit").asText());
        } else {
            throw new IllegalArgumentException("unknown step " + step);
        }
    }

    /** {{AWS_1}} → a generated AWS key id (the same one for the same name within a case). */
    private static String expand(String text, Map<String, String> secrets, SecretGenerator gen) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String kind = name.startsWith("AWS") ? "aws-access-key-id" : "github-token";
            m.appendReplacement(out, Matcher.quoteReplacement(secrets.computeIfAbsent(name, k -> gen.generate(kind))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
