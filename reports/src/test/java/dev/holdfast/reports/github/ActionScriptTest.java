package dev.holdfast.reports.github;

import dev.holdfast.reports.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code action/run.sh} as the runner would: an event payload in GITHUB_EVENT_PATH (from
 * {@code src/test/resources/action/events}), real GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, and a fake CLI that
 * records its arguments. The script is a thin caller — the CLI reads the event — so what is checked here is what it
 * passes on, what it hands back to GitHub, and that a failure is never reported clean.
 */
class ActionScriptTest {
    private static final Path SCRIPT = Path.of("..", "action", "run.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path repo;
    Path fake;
    String c1;
    String c2;

    @BeforeEach
    void repository() throws Exception {
        assumeTrue(exists("git"), "git is needed (it is on GitHub's runners)");
        repo = Files.createDirectories(tmp.resolve("repo"));
        git("init", "-q", "-b", "main");
        c1 = commit(repo, "one.txt", "1");
        c2 = commit(repo, "two.txt", "2");
        fake = tmp.resolve("fake-holdfast.sh");
        try (InputStream in = getClass().getResourceAsStream("/action/fake-holdfast.sh")) {
            Files.write(fake, in.readAllBytes());
        }
    }

    @Test
    void theCliReadsTheEventItself() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of());
        assertThat(r.rc).isZero();
        assertThat(r.calls).hasSize(1);
        assertThat(r.calls.get(0)).containsSequence("scan", ".").containsSequence("--event", tmp.resolve("event.json")
                        .toString()).containsSequence("--event-name", "push").containsSequence("--fail-on", "new")
                .contains("sarif=holdfast.sarif").doesNotContain("--range", "--history");
        assertThat(r.stdout).contains("::error file=a.txt,line=1::fake finding");
        assertThat(r.summary).contains("## Holdfast: fake summary");
        assertThat(r.output).contains("findings=3\n", "regressions=1\n", "sarif-file=holdfast.sarif\n",
                "html-file=\n", "pull-requests=\n");
    }

    @Test
    void theScriptNeedsNoJq() throws Exception {
        assertThat(Files.readString(SCRIPT)).doesNotContain("jq ").doesNotContain("jq\n");
        // A PATH with bash, git and coreutils but no jq: the run is the same.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("bash", "git", "cat", "sed", "grep", "od", "tr", "mkdir", "rm", "wc", "head",
                "sort", "cut", "printf", "dirname", "uname")) {
            Path where = which(tool);
            if (where != null) {
                Files.createSymbolicLink(bin.resolve(tool), where);
            }
        }
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("PATH", bin.toString()));
        assertThat(r.rc).as(r.stderr).isZero();
        assertThat(r.output).contains("findings=3\n");
    }

    @Test
    void whatTheCliPrintsCannotIssueWorkflowCommands() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of());
        List<String> lines = r.stdout.lines().toList();
        int pause = lines.indexOf(lines.stream().filter(l -> l.startsWith("::stop-commands::")).findFirst().orElseThrow());
        String token = lines.get(pause).substring("::stop-commands::".length());
        assertThat(token).matches("holdfast-[0-9a-f]{24}");
        int resume = lines.indexOf("::" + token + "::");
        int injected = lines.indexOf("::add-mask::nothing");
        assertThat(injected).isBetween(pause + 1, resume - 1);
        // Our own annotations come after commands are processed again.
        assertThat(lines.indexOf("::error file=a.txt,line=1::fake finding")).isGreaterThan(resume);
    }

    @Test
    void outputsNameOnlyReportsThatExist() throws Exception {
        // The CLI wrote no SARIF (a deleted branch has no head to describe): the upload step must be skipped.
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("FAKE_NO_SARIF", "1",
                "INPUT_HTML_FILE", "report.html"));
        assertThat(r.rc).isZero();
        assertThat(r.output).contains("sarif-file=\n").contains("html-file=report.html\n");
        // A report an earlier run left in the workspace is not passed off as this run's.
        Files.writeString(repo.resolve("holdfast.sarif"), "{}");
        Run again = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("FAKE_NO_SARIF", "1"));
        assertThat(again.output).contains("sarif-file=\n");
        assertThat(repo.resolve("holdfast.sarif")).doesNotExist();
    }

    @Test
    void aPullRequestInFixModeNeverOpensFixPullRequests() throws Exception {
        Run r = run("pull_request", "pull_request.json", Map.of("{{BASE}}", c1, "{{HEAD}}", c2),
                Map.of("INPUT_MODE", "fix"));
        assertThat(r.calls).hasSize(1);
        assertThat(r.calls.get(0)).containsSequence("--event-name", "pull_request");
    }

    @Test
    void theFixModePassesTheConfigAndTheBaseline() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("INPUT_MODE", "fix",
                "INPUT_CONFIG", "ci/holdfast.yml", "INPUT_BASELINE", "ci/baseline.json"));
        assertThat(r.calls).hasSize(2);
        assertThat(r.calls.get(0)).containsSequence("--config", "ci/holdfast.yml");
        assertThat(r.calls.get(1)).containsSequence("fix", ".", "--open-pr", "octo/repo")
                .containsSequence("--config", "ci/holdfast.yml").containsSequence("--baseline", "ci/baseline.json");
    }

    @Test
    void aNightlyScheduleScansHistoryAndCloudAndOpensFixPullRequests() throws Exception {
        Run r = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "INPUT_CLOUD", "aws",
                "INPUT_MAX_PRS", "3", "INPUT_BASELINE", ".holdfast/baseline.json", "INPUT_FAIL_ON", "regressed"));
        assertThat(r.calls).hasSize(3);
        assertThat(r.calls.get(0)).containsSequence("scan", ".", "--fail-on", "regressed").contains("--history")
                .containsSequence("--baseline", ".holdfast/baseline.json").doesNotContain("--event");
        assertThat(r.calls.get(1)).containsSequence("cloud", "aws", "--repo", ".", "--fail-on", "regressed")
                .contains("--snapshot-out");
        assertThat(r.calls.get(2)).containsSequence("fix", ".", "--open-pr", "octo/repo", "--max-prs", "3");
        assertThat(r.output).contains("pull-requests=https://github.com/octo/repo/pull/5 https://github.com/octo/repo/pull/7\n");
        assertThat(r.summary).contains("fake summary of scan").contains("fake summary of cloud");
    }

    @Test
    void theCloudActivityInputTurnsTheActivityLogsOnOrOff() throws Exception {
        Run off = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "INPUT_CLOUD", "aws",
                "INPUT_CLOUD_BASELINE", "ci/cloud.json", "INPUT_CLOUD_ACTIVITY", "false", "FAKE_REGRESSIONS", "0"));
        assertThat(off.calls.get(1)).containsSequence("--baseline", "ci/cloud.json").contains("--no-activity");
        Run on = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "INPUT_CLOUD", "aws",
                "INPUT_CLOUD_ACTIVITY", "true", "FAKE_REGRESSIONS", "0"));
        assertThat(on.calls.get(1)).contains("--activity").doesNotContain("--no-activity");
        Run auto = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "INPUT_CLOUD", "aws",
                "FAKE_REGRESSIONS", "0"));
        assertThat(auto.calls.get(1)).doesNotContain("--activity", "--no-activity");
        Run bad = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "INPUT_CLOUD", "aws",
                "INPUT_CLOUD_ACTIVITY", "sometimes"));
        assertThat(bad.rc).isEqualTo(2);
        assertThat(bad.calls).isEmpty();
    }

    @Test
    void aScheduledRunInScanModeLetsTheCliReadTheSchedule() throws Exception {
        Run r = run("schedule", "schedule.json", Map.of(), Map.of("FAKE_REGRESSIONS", "0"));
        assertThat(r.calls.get(0)).containsSequence("--event-name", "schedule");
    }

    @Test
    void aFailedCloudSnapshotFailsTheNightButKeepsTheScan() throws Exception {
        Run r = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_CLOUD", "azure", "FAKE_CLOUD_RC", "3",
                "FAKE_REGRESSIONS", "0"));
        assertThat(r.rc).isEqualTo(3);
        assertThat(r.summary).contains("fake summary of scan").contains("Holdfast cloud azure failed (exit 3)");
        assertThat(r.output).contains("findings=3");
    }

    @Test
    void theSummaryStaysUnderGithubsLimitWithAHugeCloudReport() throws Exception {
        Run r = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_CLOUD", "aws", "FAKE_CLOUD_MD_BYTES",
                "1500000", "FAKE_REGRESSIONS", "0"));
        assertThat(r.summary.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
        assertThat(r.summary).contains("fake summary of scan").contains("cut to fit GitHub's 1 MiB summary limit");
    }

    @Test
    void noFixPullRequestsWithoutRegressions() throws Exception {
        Run r = run("schedule", "schedule.json", Map.of(), Map.of("INPUT_MODE", "nightly", "FAKE_REGRESSIONS", "0"));
        assertThat(r.calls).hasSize(1);
    }

    @Test
    void findingsFailTheStepButStillReport() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("FAKE_RC", "1"));
        assertThat(r.rc).isEqualTo(1);
        assertThat(r.summary).contains("fake summary");
        assertThat(r.output).contains("findings=3");
    }

    @Test
    void aFailedScanIsNeverReportedClean() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("FAKE_RC", "3"));
        assertThat(r.rc).isEqualTo(3);
        assertThat(r.summary).contains("Holdfast scan failed (exit 3)").doesNotContain("fake summary");
        assertThat(r.output).contains("sarif-file=\n");
    }

    @Test
    void aCrashThatExitsOneIsAFailureNotFindings() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("FAKE_CRASH", "1"));
        assertThat(r.rc).isEqualTo(3);
        assertThat(r.stdout).contains("::error title=holdfast::the scan exited 1 without writing its reports");
        assertThat(r.summary).contains("Holdfast scan failed (exit 3)");
        assertThat(r.output).contains("sarif-file=\n");
    }

    @Test
    void badInputsStopWithOneError() throws Exception {
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), Map.of("INPUT_MODE", "yolo"));
        assertThat(r.rc).isEqualTo(2);
        assertThat(r.stdout).contains("::error title=holdfast action::input 'mode' must be scan, nightly or fix");
        assertThat(r.calls).isEmpty();

        Run outside = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2),
                Map.of("GITHUB_EVENT_NAME", ""));
        assertThat(outside.rc).isEqualTo(2);
        assertThat(outside.stdout).contains("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set");
    }

    @Test
    void theJarIsVerifiedBeforeUse() throws Exception {
        Path jar = tmp.resolve("holdfast-9.9.9.jar");
        Files.writeString(jar, "not really a jar");
        String sha = sha256(Files.readAllBytes(jar));
        String wrong = "0".repeat(64);

        Result ok = script(List.of("jar"), Map.of("INPUT_VERSION", "9.9.9", "INPUT_JAR_SHA256", sha,
                "INPUT_JAR_URL", jar.toUri().toString()));
        assertThat(ok.rc).isZero();
        assertThat(Files.readString(Path.of(ok.stdout.strip()))).isEqualTo("not really a jar");

        Result bad = script(List.of("jar"), Map.of("INPUT_VERSION", "9.9.9", "INPUT_JAR_SHA256", wrong,
                "INPUT_JAR_URL", jar.toUri().toString(), "RUNNER_TEMP", Files.createDirectories(tmp.resolve("rt2")).toString()));
        assertThat(bad.rc).isEqualTo(2);
        assertThat(bad.stdout).contains("checksum mismatch");

        Result floating = script(List.of("jar"), Map.of("INPUT_VERSION", "latest", "INPUT_JAR_SHA256", sha));
        assertThat(floating.rc).isEqualTo(2);
        assertThat(floating.stdout).contains("no floating versions");

        Result unpinned = script(List.of("jar"), Map.of("INPUT_VERSION", "9.9.9"));
        assertThat(unpinned.rc).isEqualTo(2);
        assertThat(unpinned.stdout).contains("'jar-sha256' is required");

        Result local = script(List.of("jar"), Map.of("INPUT_JAR", jar.toString(), "INPUT_JAR_SHA256", wrong));
        assertThat(local.rc).isEqualTo(2);
        assertThat(Files.exists(jar)).as("a local jar is never deleted").isTrue();
    }

    @Test
    void theBuildCacheIsKeyedByTheActionsSources() throws Exception {
        Path out1 = tmp.resolve("plan1.txt");
        Result plan = script(List.of("plan-build"), Map.of("GITHUB_OUTPUT", out1.toString(), "RUNNER_OS", "Linux"));
        assertThat(plan.rc).isZero();
        Map<String, String> first = outputs(out1);
        assertThat(first.get("build")).isEqualTo("true");
        assertThat(first.get("cache-key")).matches("holdfast-cli-v1-Linux-[0-9a-f]{20}");
        assertThat(first.get("cache-key")).startsWith(first.get("cache-prefix"));
        Path out2 = tmp.resolve("plan2.txt");
        script(List.of("plan-build"), Map.of("GITHUB_OUTPUT", out2.toString(), "RUNNER_OS", "Linux"));
        assertThat(outputs(out2).get("cache-key")).as("the same sources, the same key").isEqualTo(first.get("cache-key"));
        // A pinned release or a given jar needs no build and no cache.
        Path out3 = tmp.resolve("plan3.txt");
        script(List.of("plan-build"), Map.of("GITHUB_OUTPUT", out3.toString(), "INPUT_VERSION", "1.2.3"));
        assertThat(outputs(out3)).containsEntry("build", "false");
    }

    @Test
    void everyActionTheDocsAndTheActionUseIsPinnedToACommit() throws Exception {
        Path root = SCRIPT.getParent().getParent();
        for (Path file : List.of(root.resolve("action.yml"), root.resolve("docs/github-action.md"),
                root.resolve("README.md"))) {
            for (String line : Files.readAllLines(file)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("uses:\\s*([\\w.-]+/[\\w./-]+)@(\\S+)")
                        .matcher(line);
                if (m.find() && !m.group(1).startsWith("holdfast-dev/holdfast")) {
                    assertThat(m.group(2)).as("%s: %s", file.getFileName(), line.strip()).matches("[0-9a-f]{40}");
                }
            }
        }
    }

    /** With the real CLI jar (built by `mvn package`), when it is there. */
    @Test
    void withTheRealJar() throws Exception {
        Path jar = Path.of("..", "cli", "target", "holdfast.jar").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar) && exists("java"), "cli/target/holdfast.jar not built");
        Result help = exec(List.of("java", "-jar", jar.toString(), "scan", "--help"), Map.of(), repo);
        assumeTrue(help.stdout.contains("--event"), "this build's scan command has no --event yet");

        Files.writeString(repo.resolve("config.properties"), "aws.key=" + Fixtures.AWS_KEY + "\n");
        git("add", "config.properties");
        git("commit", "-q", "-m", "add config");
        String head = git("rev-parse", "HEAD");
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_JAR", jar.toString());
        env.put("INPUT_JAR_SHA256", sha256(Files.readAllBytes(jar)));
        env.put("HOLDFAST_CMD", "");
        Run r = run("push", "push.json", Map.of("{{BEFORE}}", c2, "{{AFTER}}", head), env);
        assertThat(r.rc).as(r.stderr).isEqualTo(1);
        assertThat(r.output).contains("findings=1\n", "sarif-file=holdfast.sarif\n");
        String sarif = Files.readString(repo.resolve("holdfast.sarif"));
        assertThat(sarif).contains("\"2.1.0\"");
        assertThat(r.stdout).contains("::notice title=holdfast::push to branch feature: 1 commit");
        for (String text : List.of(sarif, r.summary, r.stdout, r.stderr)) {
            assertThat(text).doesNotContain(Fixtures.AWS_KEY);
        }
    }

    /**
     * The action runs the jar with the JVM options of bin/jvm-opts, the file the ./holdfast wrapper reads too: a
     * nightly run gets the whole-history policy, an event run the short-run one, and neither caps the heap.
     */
    @Test
    void theActionRunsTheJarWithTheJvmPolicyOfBinJvmOpts() throws Exception {
        Path jar = tmp.resolve("holdfast.jar");
        Files.writeString(jar, "stands in for the jar");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        // records the options before -jar, then runs the fake CLI with what follows the jar
        Files.writeString(java, """
                #!/usr/bin/env bash
                opts=()
                while [ "$1" != -jar ]; do opts+=("$1"); shift; done
                shift 2
                printf '%s\\n' "${opts[*]}" >> "$FAKE_JVM_LOG"
                exec bash "$FAKE_CLI" "$@"
                """);
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path jvmLog = tmp.resolve("jvm.log");
        Map<String, String> env = new HashMap<>(Map.of("INPUT_JAR", jar.toString(),
                "INPUT_JAR_SHA256", sha256(Files.readAllBytes(jar)), "HOLDFAST_CMD", "",
                "PATH", bin + ":" + System.getenv("PATH"), "FAKE_CLI", fake.toString(),
                "FAKE_JVM_LOG", jvmLog.toString(), "FAKE_REGRESSIONS", "0"));

        env.put("INPUT_MODE", "nightly");
        Run nightly = run("schedule", "schedule.json", Map.of(), env);
        assertThat(nightly.rc).as(nightly.stderr).isLessThan(2);
        assertThat(nightly.calls.get(0)).contains("--history");
        List<String> nightlyOpts = Files.readAllLines(jvmLog);
        Files.writeString(jvmLog, "");

        env.put("INPUT_MODE", "scan");
        Run push = run("push", "push.json", Map.of("{{BEFORE}}", c1, "{{AFTER}}", c2), env);
        assertThat(push.rc).as(push.stderr).isLessThan(2);
        List<String> pushOpts = Files.readAllLines(jvmLog);

        String history = jvmOpts("scan", ".", "--history");
        String event = jvmOpts("scan", ".");
        assertThat(history).contains("-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy", "-Xmn128m",
                "-XX:MaxTenuringThreshold=2")
                .isNotEqualTo(event);
        assertThat(event).contains("-XX:+UseSerialGC");
        assertThat(nightlyOpts).isNotEmpty().allMatch(history::equals);
        assertThat(pushOpts).isNotEmpty().allMatch(event::equals);
        assertThat(history + " " + event).as("no heap cap below the live set").doesNotContain("-Xmx");
    }

    /** What bin/jvm-opts prints for a command line, run in the test repository. */
    private String jvmOpts(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.getParent().getParent().resolve("bin/jvm-opts")
                .toString()));
        cmd.addAll(List.of(args));
        Result r = exec(cmd, Map.of(), repo);
        assertThat(r.rc).as(r.stderr).isZero();
        return r.stdout.strip();
    }

    // --- harness -------------------------------------------------------------------------------------------------

    record Result(int rc, String stdout, String stderr) {
    }

    record Run(int rc, String stdout, String stderr, String summary, String output, List<List<String>> calls) {
    }

    private Run run(String event, String payload, Map<String, String> fill, Map<String, String> extra) throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/action/events/" + payload)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : fill.entrySet()) {
            json = json.replace(e.getKey(), e.getValue());
        }
        Path eventFile = tmp.resolve("event.json");
        Files.writeString(eventFile, json);
        Path summary = tmp.resolve("summary.md");
        Path output = tmp.resolve("output.txt");
        Path log = tmp.resolve("calls.log");
        Files.writeString(summary, "");
        Files.writeString(output, "");
        Files.writeString(log, "");
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_EVENT_NAME", event);
        env.put("GITHUB_EVENT_PATH", eventFile.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_REPOSITORY", "octo/repo");
        env.put("HOLDFAST_CMD", "bash " + fake);
        env.put("FAKE_LOG", log.toString());
        env.putAll(extra);
        if (env.get("HOLDFAST_CMD").isEmpty()) {
            env.remove("HOLDFAST_CMD");
        }
        if (env.get("GITHUB_EVENT_NAME").isEmpty()) {
            env.remove("GITHUB_EVENT_NAME");
        }
        Result r = script(List.of(), env);
        List<List<String>> calls = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.equals("--")) {
                calls.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return new Run(r.rc, r.stdout, r.stderr, Files.readString(summary), Files.readString(output), calls);
    }

    private Result script(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(args);
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("RUNNER_TEMP", Files.createDirectories(tmp.resolve("runner-temp")).toString());
        return exec(cmd, e, repo);
    }

    private static Result exec(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> pe = pb.environment();
        pe.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_") || k.startsWith("RUNNER_"));
        pe.putAll(env);
        Path out = Files.createTempFile("action-out", ".txt");
        Path err = Files.createTempFile("action-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("action script did not finish: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Map<String, String> outputs(Path file) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String commit(Path dir, String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text);
        git(dir, "add", file);
        git(dir, "commit", "-q", "-m", "add " + file);
        return git(dir, "rev-parse", "HEAD");
    }

    private String git(String... args) throws Exception {
        return git(repo, args);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com"));
        cmd.addAll(List.of(args));
        Result r = exec(cmd, Map.of("GIT_CONFIG_NOSYSTEM", "1"), dir);
        if (r.rc != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + r.stderr);
        }
        return r.stdout.strip();
    }

    private static boolean exists(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
