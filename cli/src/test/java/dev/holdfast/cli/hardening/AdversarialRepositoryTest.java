package dev.holdfast.cli.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.rules.catalogue.ExampleExpander;
import dev.holdfast.rules.tokens.TokenChecks;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A scanned repository is attacker-controlled. Each case builds one hostile repository at test time and runs the real
 * CLI on it: huge and minified files, binaries, broken encodings, deep trees, thousands of refs, symlink tricks,
 * hostile file names and commit metadata. Time bounds are hang guards (generous), not benchmarks.
 */
class AdversarialRepositoryTest {
    /** Hang guard: far above what any of these cases needs on a loaded 2-core machine. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String key(long seed) {
        return TokenChecks.awsAccessKeyId("AKIA", new ExampleExpander(seed).generate("A-Z2-7", 16));
    }

    static String keyLine(String key) {
        return "aws.accessKeyId=" + key + "\n";
    }

    private static Git init(Path repo) throws Exception {
        Files.createDirectories(repo);
        return Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    }

    private static void commit(Git git, String message, String name) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(name, "dev@example.com").setCommitter(name, "dev@example.com")
                .setSign(false).call();
    }

    private JsonNode json(Path repo, String... extra) throws Exception {
        Path out = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--format", "json", "--output",
                out.toString()));
        args.addAll(List.of(extra));
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        return JSON.readTree(out.toFile());
    }

    private static List<String> paths(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.at("/location/path").asText()));
        return out;
    }

    private static void assertNoStackTrace(CliRunner.Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void multiGigabyteFileIsSkippedWithAWarningWithoutBeingRead() throws Exception {
        for (boolean git : new boolean[] {false, true}) {
            Path repo = dir.resolve(git ? "git" : "plain");
            Files.createDirectories(repo);
            if (git) {
                init(repo).close();
            }
            // Sparse: 4 GiB of apparent size that costs no disk; reading it would take minutes and 4 GiB of heap.
            try (RandomAccessFile f = new RandomAccessFile(repo.resolve("huge.log").toFile(), "rw")) {
                f.setLength(4L << 30);
            }
            Files.writeString(repo.resolve("app.properties"), keyLine(key(1)));
            CliRunner.Run r = assertTimeoutPreemptively(BOUND, () -> CliRunner.run("scan", repo.toString(), "--no-progress"));
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("warning: huge.log: skipped: " + (4L << 30) + " bytes is over the")
                    .contains("app.properties");
            assertNoStackTrace(r);
        }
    }

    @Test
    void minifiedFiveMegabyteOneLineFileFinishesAndStillFindsTheKey() throws Exception {
        Path repo = dir.resolve("min");
        Files.createDirectories(repo);
        Random rnd = new Random(42);
        StringBuilder js = new StringBuilder(5_300_000);
        String[] noise = {"var a=\"", "key:\"", "token=", "secret", "password:'", "AKIA", "ghp_", "-----BEGIN ",
                "eyJ", "xox", "sk_live_", "\\\"", "=", "'", "(", ")", "{", "}", ";"};
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String key = key(2);
        boolean planted = false;
        while (js.length() < 5_000_000) {
            js.append(noise[rnd.nextInt(noise.length)]);
            for (int i = rnd.nextInt(48); i > 0; i--) {
                js.append(alnum.charAt(rnd.nextInt(alnum.length())));
            }
            if (js.length() > 2_500_000 && !planted) {
                planted = true;
                js.append(";var aws_access_key_id=\"").append(key).append("\";");
            }
        }
        Files.writeString(repo.resolve("bundle.min.js"), js);
        // 5 MB on one line takes tens of seconds on a loaded 2-core machine; the bound only guards against a hang.
        CliRunner.Run r = assertTimeoutPreemptively(BOUND.multipliedBy(2), () -> CliRunner.run("scan", repo.toString(), "--format", "json"));
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        assertNoStackTrace(r);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("findings").size()).isGreaterThan(0);
        assertThat(r.all()).doesNotContain(key);
    }

    @Test
    void binariesWithTextHeadersAreNotReported() throws Exception {
        Path repo = dir.resolve("bin");
        Files.createDirectories(repo);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Files.write(repo.resolve("logo.png"), concat(png, keyLine(key(3)).getBytes(StandardCharsets.UTF_8)));
        Files.write(repo.resolve("tool"), concat(elf, keyLine(key(4)).getBytes(StandardCharsets.UTF_8)));
        Files.writeString(repo.resolve("README"), "nothing here\n");
        JsonNode report = json(repo);
        assertThat(report.get("findings")).isEmpty();
    }

    @Test
    void invalidUtf8AndUtf16AreScannedOrSkippedNeverFatal() throws Exception {
        Path repo = dir.resolve("enc");
        Files.createDirectories(repo);
        byte[] bad = {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        Files.write(repo.resolve("broken-utf8.properties"),
                concat(bad, keyLine(key(5)).getBytes(StandardCharsets.UTF_8), bad));
        // UTF-16 with a byte-order mark (both orders) is decoded and scanned.
        Files.write(repo.resolve("utf16le.properties"), concat(new byte[] {(byte) 0xff, (byte) 0xfe},
                keyLine(key(6)).getBytes(StandardCharsets.UTF_16LE)));
        Files.write(repo.resolve("utf16be.properties"), concat(new byte[] {(byte) 0xfe, (byte) 0xff},
                keyLine(key(7)).getBytes(StandardCharsets.UTF_16BE)));
        // A lone surrogate in UTF-16: replaced, never a decoder exception.
        Files.write(repo.resolve("utf16-bad.properties"), concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xd8},
                keyLine(key(8)).getBytes(StandardCharsets.UTF_16LE), new byte[] {0x41}));
        // Without a BOM, UTF-16 of Latin text has its NUL bytes on one byte of each pair: recognised and decoded.
        Files.write(repo.resolve("utf16-nobom.properties"), keyLine(key(9)).getBytes(StandardCharsets.UTF_16LE));
        JsonNode report = json(repo);
        assertThat(paths(report)).contains("broken-utf8.properties", "utf16le.properties", "utf16be.properties",
                "utf16-bad.properties", "utf16-nobom.properties");
    }

    @Test
    void twoHundredLevelDeepTreeIsScanned() throws Exception {
        for (boolean git : new boolean[] {false, true}) {
            Path repo = dir.resolve(git ? "deep-git" : "deep");
            Files.createDirectories(repo);
            Path d = repo;
            for (int i = 0; i < 200; i++) {
                d = d.resolve("d");
            }
            Files.createDirectories(d);
            Files.writeString(d.resolve("app.properties"), keyLine(key(10)));
            if (git) {
                try (Git g = init(repo)) {
                    commit(g, "deep", "Dev");
                }
            }
            JsonNode report = assertTimeoutPreemptively(BOUND, () -> json(repo));
            assertThat(paths(report)).containsExactly("d/".repeat(200) + "app.properties");
        }
    }

    @Test
    void twoThousandRefsStillScanTheWholeHistory() throws Exception {
        Path repo = dir.resolve("refs");
        String key = key(11);
        try (Git git = init(repo)) {
            Files.writeString(repo.resolve("a.properties"), keyLine(key));
            commit(git, "leak", "Dev");
            Files.writeString(repo.resolve("a.properties"), "# removed\n");
            commit(git, "fix", "Dev");
            Repository r = git.getRepository();
            ObjectId head = r.resolve("HEAD");
            ObjectId first;
            try (RevWalk walk = new RevWalk(r)) {
                first = walk.parseCommit(head).getParent(0).getId();
            }
            BatchRefUpdate batch = r.getRefDatabase().newBatchUpdate();
            for (int i = 0; i < 1000; i++) {
                batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), i % 2 == 0 ? head : first,
                        "refs/tags/v" + i));
                batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), i % 3 == 0 ? first : head,
                        "refs/heads/branch-" + i));
            }
            try (RevWalk walk = new RevWalk(r)) {
                batch.execute(walk, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
            }
            assertThat(r.getRefDatabase().getRefs()).hasSizeGreaterThan(2000);
        }
        JsonNode report = assertTimeoutPreemptively(BOUND, () -> json(repo, "--history"));
        assertThat(paths(report)).containsExactly("a.properties");
        assertThat(report.at("/target/mode").asText()).isEqualTo("history");
    }

    @Test
    void symlinkLoopsAndLinksOutOfTheRootAreNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.properties"), keyLine(key(12)));
        for (boolean git : new boolean[] {false, true}) {
            Path repo = dir.resolve(git ? "links-git" : "links");
            Files.createDirectories(repo.resolve("sub"));
            Files.createSymbolicLink(repo.resolve("sub/loop"), repo);              // directory loop
            Files.createSymbolicLink(repo.resolve("self"), repo.resolve("self"));   // link to itself
            Files.createSymbolicLink(repo.resolve("out.properties"), outside.resolve("secret.properties"));
            Files.createSymbolicLink(repo.resolve("outdir"), outside);
            Files.writeString(repo.resolve("in.properties"), keyLine(key(13)));
            if (git) {
                try (Git g = init(repo)) {
                    commit(g, "links", "Dev");
                }
            }
            JsonNode report = assertTimeoutPreemptively(BOUND, () -> json(repo));
            assertThat(paths(report)).as(repo.toString()).containsExactly("in.properties");
            if (git) {
                JsonNode history = assertTimeoutPreemptively(BOUND, () -> json(repo, "--history"));
                assertThat(paths(history)).containsExactly("in.properties");
            }
        }
    }

    @Test
    void hostileFileNamesAreReportedButNeverDriveTheTerminal() throws Exception {
        String[] names = {"new\nline.properties", "tab\there.properties", "ünïcødé-日本.properties",
                "esc\u001b[31mred\u001b[0m.properties", "osc\u001b]8;;https:evil.example\u0007link.properties",
                "bel\u0007\u0008back.properties", "rtl\u202eseporp.properties"};
        for (boolean git : new boolean[] {false, true}) {
            Path repo = dir.resolve(git ? "names-git" : "names");
            Files.createDirectories(repo);
            for (int i = 0; i < names.length; i++) {
                Files.writeString(repo.resolve(names[i]), keyLine(key(20 + i)));
            }
            if (git) {
                try (Git g = init(repo)) {
                    commit(g, "names", "Dev");
                }
            }
            CliRunner.Run text = assertTimeoutPreemptively(BOUND, () -> CliRunner.run("scan", repo.toString(), "--no-progress"));
            assertThat(text.exit()).as(text.err()).isEqualTo(1);
            assertNoTerminalControls(text.out());
            assertNoTerminalControls(text.err());
            assertThat(text.out()).contains("ünïcødé-日本.properties");
            // JSON keeps the real name, escaped, so tools can act on it.
            JsonNode report = json(repo);
            assertThat(paths(report)).containsExactlyInAnyOrder(names);
        }
    }

    @Test
    void hostileAuthorNamesAndCommitMessagesAreSanitisedInTextAndEscapedInJsonAndSarif() throws Exception {
        Path repo = dir.resolve("authors");
        String evilName = "Mallory\u001b[31m RED \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u0007";
        String evilMessage = "innocent\u001b[2J\u001b[H\u001b]0;pwned\u0007\nCo-authored-by: x\u001b[0m <a@b>";
        try (Git git = init(repo)) {
            Files.writeString(repo.resolve("a.properties"), keyLine(key(30)));
            commit(git, evilMessage, evilName);
            Files.writeString(repo.resolve("a.properties"), "# gone\n");
            commit(git, "fix\u001b[31m", evilName);
            Files.writeString(repo.resolve("a.properties"), keyLine(key(30)));
            commit(git, evilMessage, evilName);
        }
        for (String mode : new String[] {"tree", "history"}) {
            String[] extra = mode.equals("tree") ? new String[0] : new String[] {"--history"};
            Path out = Files.createDirectories(dir.resolve("out-" + mode));
            List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--no-progress", "--verbose",
                    "--report", "json=" + out.resolve("r.json"), "--report", "sarif=" + out.resolve("r.sarif"),
                    "--report", "markdown=" + out.resolve("r.md"), "--report", "html=" + out.resolve("r.html"),
                    "--report", "github-annotations=" + out.resolve("r.ann")));
            args.addAll(List.of(extra));
            CliRunner.Run r = assertTimeoutPreemptively(BOUND, () -> CliRunner.run(args.toArray(String[]::new)));
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("Mallory");
            assertNoTerminalControls(r.out());
            assertNoTerminalControls(r.err());
            for (String f : new String[] {"r.json", "r.sarif", "r.md", "r.html", "r.ann"}) {
                String body = Files.readString(out.resolve(f));
                assertThat(body).as(mode + " " + f).doesNotContain("\u001b").doesNotContain("\u0007");
            }
            JsonNode json = JSON.readTree(out.resolve("r.json").toFile());
            assertThat(json.at("/findings/0/introducedBy/name").asText()).startsWith("Mallory");
            JSON.readTree(out.resolve("r.sarif").toFile());
        }
    }

    @Test
    void aConfigThatPointsOutsideTheRepositoryIsAUsageErrorOnOneLine() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("rules.yml"), "rules: []\n");
        String[] configs = {
            "rules:\n  files: [../elsewhere/rules.yml]\n",
            "rules:\n  files: [" + outside.resolve("rules.yml").toAbsolutePath() + "]\n",
            "rules:\n  files: [link/rules.yml]\n",
        };
        for (int i = 0; i < configs.length; i++) {
            Path repo = Files.createDirectories(dir.resolve("cfg" + i));
            Files.createSymbolicLink(repo.resolve("link"), outside);
            Files.writeString(repo.resolve(".holdfast.yml"), configs[i]);
            for (String cmd : new String[] {"scan", "baseline"}) {
                CliRunner.Run r = CliRunner.run(cmd, repo.toString());
                assertThat(r.exit()).as(cmd + " " + configs[i] + r.err()).isEqualTo(2);
                assertThat(r.err().strip()).doesNotContain("\n").contains("outside the repository");
                assertThat(r.out()).isEmpty();
            }
        }
    }

    /** No ESC, BEL, backspace, C1 controls, or any C0 control except newline in what reaches the terminal. */
    static void assertNoTerminalControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u202e';
            assertThat(bad).as("control U+%04X at %d in: %s", (int) c, i,
                    s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40))).isFalse();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
