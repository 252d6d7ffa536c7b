package dev.holdfast.scanner.scan;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Severity;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TreeScannerTest {
    /** A stand-in rule: a token shaped {@code TOKEN_<16 upper-case letters or digits>}. */
    static final Detector TOKENS = new Detector() {
        private final Pattern p = Pattern.compile("TOKEN_[A-Z0-9]{16}");

        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Detection> detect(Document d) {
            List<Detection> out = new ArrayList<>();
            String[] lines = d.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = p.matcher(lines[i]);
                while (m.find()) {
                    out.add(new Detection("test-token", Category.SECRET, Severity.HIGH, "test token", i + 1,
                            m.start() + 1, m.group(), Redactor.redact(m.group()), "rotate", Map.of()));
                }
            }
            return out;
        }
    };

    static String token(char c) {
        return "TOKEN_" + String.valueOf(c).repeat(8) + "12345678";
    }

    private static ScanResult scan(Path root, HoldfastConfig cfg) throws IOException {
        return new TreeScanner(cfg, TOKENS, new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey())),
                Map.of(), null).scan(root, root.toString(), null);
    }

    private static List<String> paths(ScanResult r) {
        return r.findings().stream().map(f -> f.location().path() + ":" + f.location().line()).toList();
    }

    @Test
    void gitRepositoryScansTrackedAndUntrackedButNotIgnoredFiles(@TempDir Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            Files.writeString(dir.resolve(".gitignore"), "build/\n*.log\n");
            Files.writeString(dir.resolve("tracked.txt"), "a\n" + token('A') + "\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setSign(false).call();
        }
        Files.writeString(dir.resolve("untracked.txt"), token('B'));
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/out.txt"), token('C'));
        Files.writeString(dir.resolve("debug.log"), token('D'));
        assertThat(paths(scan(dir, HoldfastConfig.defaults())))
                .containsExactlyInAnyOrder("tracked.txt:2", "untracked.txt:1");
    }

    @Test
    void aLinkedWorktreeHonoursIgnoreRulesLikeItsMainCheckout(@TempDir Path dir) throws Exception {
        Path main = dir.resolve("main");
        try (Git git = Git.init().setDirectory(main.toFile()).call()) {
            Files.writeString(main.resolve(".gitignore"), "target/\n");
            Files.writeString(main.resolve("a.txt"), token('Q'));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setSign(false).call();
        }
        // A worktree's .git is a file pointing at the real git directory (as `git worktree add` writes it).
        Path wt = dir.resolve("wt");
        Path gitdir = main.resolve(".git/worktrees/wt");
        Files.createDirectories(gitdir);
        Files.writeString(gitdir.resolve("gitdir"), wt.resolve(".git") + "\n");
        Files.writeString(gitdir.resolve("commondir"), "../..\n");
        Files.writeString(gitdir.resolve("HEAD"), "ref: refs/heads/master\n");
        Files.createDirectories(wt);
        Files.writeString(wt.resolve(".git"), "gitdir: " + gitdir + "\n");
        Files.writeString(wt.resolve(".gitignore"), "target/\n");
        Files.writeString(wt.resolve("b.txt"), token('R'));
        Files.createDirectories(wt.resolve("target"));
        Files.writeString(wt.resolve("target/c.txt"), token('S'));
        assertThat(paths(scan(wt, HoldfastConfig.defaults()))).containsExactly("b.txt:1");
    }

    @Test
    void plainFolderScansEveryFileButNeverFollowsLinksOutOfTheRoot(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), token('E'));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), token('F'));
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.createSymbolicLink(root.resolve("loop"), root);
        assertThat(paths(scan(root, HoldfastConfig.defaults()))).containsExactly("a.txt:1");
    }

    @Test
    void oversizedFilesAreReportedAsSkippedAndBinariesIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("big.txt"), "x".repeat(4096) + token('G'));
        byte[] bin = ("\u0000\u0001PNG" + token('H')).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("image.bin"), bin);
        HoldfastConfig cfg = HoldfastConfig.parse("scan:\n  maxFileSize: 1KB\n", dir.resolve(".holdfast.yml"), dir);
        ScanResult r = scan(dir, cfg);
        assertThat(r.findings()).isEmpty();
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("big.txt");
            assertThat(w.reason()).contains("size cap");
        });
        assertThat(r.partial()).isFalse();
    }

    @Test
    void utf16TextIsDecodedAndScanned(@TempDir Path dir) throws Exception {
        byte[] body = ("line one\n" + token('J') + "\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(dir.resolve("notes.txt"), withBom);
        assertThat(paths(scan(dir, HoldfastConfig.defaults()))).containsExactly("notes.txt:2");
    }

    @Test
    void ignoredPathsAreNotScanned(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("fixtures/deep"));
        Files.writeString(dir.resolve("fixtures/deep/a.txt"), token('K'));
        Files.writeString(dir.resolve("b.txt"), token('L'));
        HoldfastConfig cfg = HoldfastConfig.parse("paths:\n  ignore: [\"fixtures/**\"]\n", dir.resolve("c.yml"), dir);
        assertThat(paths(scan(dir, cfg))).containsExactly("b.txt:1");
    }

    @Test
    void unreadableFileMakesThePartialResultNeverClean(@TempDir Path dir) throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
        Path f = Files.writeString(dir.resolve("locked.txt"), token('M'));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        ScanResult r = scan(dir, HoldfastConfig.defaults());
        assertThat(r.partial()).isTrue();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.reason()).contains("unreadable"));
    }

    @Test
    void findingsHoldNoRawValueAndKeepTheirFingerprintWhenLinesMove(@TempDir Path dir) throws Exception {
        String secret = token('N');
        Files.writeString(dir.resolve("a.txt"), secret + "\n");
        Finding before = scan(dir, HoldfastConfig.defaults()).findings().get(0);
        Files.writeString(dir.resolve("a.txt"), "\n\n\n" + secret + "\n");
        Finding after = scan(dir, HoldfastConfig.defaults()).findings().get(0);
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(after.location().line()).isEqualTo(4);
        assertThat(after.toString()).doesNotContain(secret);
        Files.writeString(dir.resolve("a.txt"), token('P') + "\n");
        assertThat(scan(dir, HoldfastConfig.defaults()).findings().get(0).fingerprint())
                .isNotEqualTo(before.fingerprint());
    }

    @Test
    void findingsThatNameTheirLinesAreAttributedToTheNewestOfThem(@TempDir Path dir) throws Exception {
        // As the IAM detector reports a grant: at the action's line, with the resource's line among "lines".
        Files.writeString(dir.resolve("policy.json"), "action\nother\nresource\nplain\n");
        Detector grants = new Detector() {
            @Override
            public String name() {
                return "grants";
            }

            @Override
            public List<Detection> detect(Document d) {
                return List.of(
                        new Detection("g", Category.PRIVILEGE, Severity.LOW, "grant", 1, 1, "p|grant:a|*", "a on *",
                                "narrow", Map.of("lines", "1,3")),
                        new Detection("g", Category.PRIVILEGE, Severity.LOW, "tie", 2, 1, "p|grant:b|*", "b on *",
                                "narrow", Map.of("lines", "2,4")),
                        new Detection("g", Category.PRIVILEGE, Severity.LOW, "plain", 4, 1, "p|grant:c|*", "c on *",
                                "narrow", Map.of()));
            }
        };
        java.time.Instant jan = java.time.Instant.parse("2026-01-05T10:00:00Z");
        java.time.Instant mar = java.time.Instant.parse("2026-03-05T10:00:00Z");
        dev.holdfast.rules.model.Attribution alice = new dev.holdfast.rules.model.Attribution("c1", "Alice", "alice@acme.test",
                dev.holdfast.rules.model.IdentityKind.HUMAN, jan, null);
        dev.holdfast.rules.model.Attribution agent = new dev.holdfast.rules.model.Attribution("c3", "Claude",
                "noreply@anthropic.com", dev.holdfast.rules.model.IdentityKind.AGENT, mar, null);
        dev.holdfast.rules.model.Attribution bob = new dev.holdfast.rules.model.Attribution("c2", "Bob", "bob@acme.test",
                dev.holdfast.rules.model.IdentityKind.HUMAN, jan, null);
        LineAttributor blame = (path, line) -> switch (line) {
            case 1 -> alice;
            case 2 -> bob;
            case 3 -> agent;
            default -> alice;
        };
        ScanResult r = new TreeScanner(HoldfastConfig.defaults(), grants,
                new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey())), Map.of(), blame)
                .scan(dir, dir.toString(), null);
        Map<String, String> by = new java.util.TreeMap<>();
        r.findings().forEach(f -> by.put(f.message(), f.introducedBy().name()));
        assertThat(by).containsEntry("grant", "Claude") // the widened resource line is newer than the action line
                .containsEntry("tie", "Bob")            // same date: the finding's own line
                .containsEntry("plain", "Alice");
    }
}
