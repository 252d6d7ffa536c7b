package dev.holdfast.cli.hardening;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.SecretRule;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One repository holding a corpus of generated secrets — every secret rule's own match examples, expanded with fresh
 * values, plus SecretGenerator's kinds — some fixed and brought back, so the ledger has fixes and the scan has
 * regressions. Then `baseline`, `scan` in every format in tree and history mode with --verbose, `fix --dry-run` and
 * `fix`; no raw value may appear in stdout, stderr, any report file, the baseline, a branch name or a commit message.
 * (ReportFormatsEndToEndTest checks one key across formats; reports' NoLeakTest checks the writers alone.)
 */
class NoLeakEndToEndTest {
    private static final String[] FORMATS = {"text", "json", "sarif", "markdown", "html", "github-annotations",
            "github-output"};

    @TempDir
    Path dir;

    /** path → original content, and every raw value the detector sees in it (from Detection.subject, in memory). */
    record Corpus(Map<String, String> files, TreeSet<String> raw) {
    }

    static Corpus corpus() {
        RuleCatalogue catalog = RuleCatalogue.builtin();
        Detector detector = catalog.detector(v -> false);
        Map<String, String> files = new LinkedHashMap<>();
        TreeSet<String> raw = new TreeSet<>();
        for (SecretRule rule : catalog.rules()) {
            if (rule.category() != Category.SECRET) {
                continue;
            }
            for (int i = 0; i < rule.matchExamples().size(); i++) {
                Document example = RuleCatalogue.exampleDocument(rule, rule.matchExamples().get(i), i, "leak");
                String path = "corpus/" + rule.id() + "-" + i + "/" + example.path();
                String text = new String(example.content(), StandardCharsets.UTF_8);
                List<Detection> found = detector.detect(new Document(path, example.content()));
                for (Detection d : found) {
                    // Only the rule's own detection on its own example is known to be a secret; another rule may
                    // misread a key name as a value (generic-secret-quoted on <add key="DbPassword" …>), and key
                    // names are printed by design.
                    if (d.ruleId().equals(rule.id()) && d.subject() != null && d.subject().length() >= 8
                            && !d.subject().contains("|")) {
                        raw.add(d.subject());
                    }
                }
                if (!found.isEmpty()) {
                    files.put(path, text);
                }
            }
        }
        SecretGenerator gen = new SecretGenerator(1234L);
        String aws = gen.generate("aws-access-key-id");
        String awsSecret = gen.generate("aws-secret-access-key");
        String gh = gen.generate("github-token");
        String pw = gen.generate("password");
        files.put("config/application.yml", "aws:\n  accessKeyId: " + aws + "\n  secretAccessKey: " + awsSecret
                + "\ngithub:\n  token: " + gh + "\ndb:\n  password: " + pw + "\n");
        raw.addAll(List.of(aws, awsSecret, gh, pw));
        return new Corpus(files, raw);
    }

    @Test
    void noRawValueLeavesTheScanInAnyOutput() throws Exception {
        Corpus corpus = corpus();
        assertThat(corpus.raw()).as("the corpus must be large enough to mean something").hasSizeGreaterThan(30);
        Path repo = dir.resolve("repo");
        List<String> outputs = new ArrayList<>();
        List<String> paths = new ArrayList<>(corpus.files().keySet());
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            for (var e : corpus.files().entrySet()) {
                Files.createDirectories(repo.resolve(e.getKey()).getParent());
                Files.writeString(repo.resolve(e.getKey()), e.getValue());
            }
            commit(git, "add configuration", "Dev");
            // A person fixes every other file: the value becomes an environment reference.
            for (int i = 0; i < paths.size(); i += 2) {
                Files.writeString(repo.resolve(paths.get(i)), "value = ${SECRET_FROM_ENV}\n");
            }
            commit(git, "move secrets to the environment", "Security Team");

            CliRunner.Run baseline = CliRunner.run("baseline", repo.toString(), "--verbose");
            outputs.add(baseline.all());
            assertThat(baseline.exit()).as(baseline.err()).isEqualTo(0);
            commit(git, "record baseline", "Security Team");

            // An agent brings the values back: regressions of recorded fixes.
            for (int i = 0; i < paths.size(); i += 2) {
                Files.writeString(repo.resolve(paths.get(i)), corpus.files().get(paths.get(i)));
            }
            commit(git, "restore config\n\nCo-authored-by: Claude <noreply@anthropic.com>", "agent");
        }

        Path reports = Files.createDirectories(dir.resolve("reports"));
        for (String mode : new String[] {"tree", "history"}) {
            List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--verbose", "--no-progress",
                    "--fail-on", "none"));
            for (String f : FORMATS) {
                args.addAll(List.of("--report", f + "=" + reports.resolve(mode + "." + f)));
            }
            if (mode.equals("history")) {
                args.add("--history");
            }
            CliRunner.Run scan = CliRunner.run(args.toArray(String[]::new));
            assertThat(scan.exit()).as(scan.err()).isEqualTo(0);
            outputs.add(scan.all());
            for (String f : FORMATS) {
                // stdout in each format too
                CliRunner.Run one = CliRunner.run("scan", repo.toString(), "--format", f, "--verbose", "--no-progress",
                        "--fail-on", "none", mode.equals("history") ? "--history" : "--no-progress");
                outputs.add(one.all());
            }
        }
        String treeJson = Files.readString(reports.resolve("tree.json"));
        assertThat(treeJson).contains("\"regressed\"");

        CliRunner.Run dry = CliRunner.run("fix", repo.toString(), "--dry-run", "--verbose");
        outputs.add(dry.all());
        CliRunner.Run fix = CliRunner.run("fix", repo.toString(), "--verbose");
        outputs.add(fix.all());

        List<String> branchNames = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        try (Git git = Git.open(repo.toFile())) {
            Repository r = git.getRepository();
            for (Ref ref : r.getRefDatabase().getRefs()) {
                branchNames.add(ref.getName());
            }
            for (RevCommit c : git.log().all().call()) {
                messages.add(c.getFullMessage());
                messages.add(c.getAuthorIdent().toExternalString());
            }
        }
        assertThat(branchNames).as("fix must have written at least one branch").anyMatch(b -> b.contains("holdfast/"));

        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(reports)) {
            for (Path p : s.toList()) {
                files.add(p.getFileName() + "\n" + Files.readString(p));
            }
        }
        files.add(Files.readString(repo.resolve(".holdfast/baseline.json")));

        List<String> leaks = new ArrayList<>();
        for (String secret : corpus.raw()) {
            for (String o : outputs) {
                leak(leaks, "CLI output", o, secret);
            }
            for (String f : files) {
                leak(leaks, "file " + f.substring(0, f.indexOf('\n') < 0 ? 0 : f.indexOf('\n')), f, secret);
            }
            branchNames.forEach(b -> leak(leaks, "ref name", b, secret));
            messages.forEach(m -> leak(leaks, "commit message", m, secret));
        }
        assertThat(leaks).isEmpty();
    }

    /** Records where a raw value appears, showing its surroundings with the value itself masked. */
    private static void leak(List<String> leaks, String where, String text, String secret) {
        int at = text.indexOf(secret);
        if (at >= 0) {
            leaks.add(where + ": …" + text.substring(Math.max(0, at - 80), at).replace('\n', ' ') + "<"
                    + secret.length() + " chars>" + text.substring(at + secret.length(),
                    Math.min(text.length(), at + secret.length() + 40)).replace('\n', ' '));
        }
    }

    private static void commit(Git git, String message, String name) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setAll(true).setMessage(message).setAuthor(name, "dev@example.com")
                .setCommitter(name, "dev@example.com").setSign(false).call();
    }
}
