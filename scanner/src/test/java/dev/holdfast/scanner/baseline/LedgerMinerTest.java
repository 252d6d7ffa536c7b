package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerMinerTest {
    private static final Fingerprinter KEY = new Fingerprinter("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    private final ScenarioHarness h = new ScenarioHarness();

    private LedgerMiner miner(Git git) {
        return new LedgerMiner(git.getRepository(), h.detector, KEY, CommitAttributor.of(dev.holdfast.scanner.identity.CommitAuthorClassifier.builtin()));
    }

    private ScanResult treeScan(Path root, Timeline t) throws java.io.IOException {
        return BaselineWorkflow.treeScan(dev.holdfast.scanner.config.HoldfastConfig.defaults(), h.detector, null, null)
                .scan(root, KEY, t);
    }

    @Test
    void theLedgerEntryPointsAtTheFixCommitWithItsParentPathAndARedactedPatch() throws Exception {
        ScenarioRepository repo = ScenarioHarness.repository(ScenarioHarness.load("demo"));
        ScenarioRepository.Built built = repo.buildUntil(dir, h.actions(), "bob-fixes");
        String key = built.secrets().get("AWS_KEY_1");
        try (Git git = Git.open(dir.toFile())) {
            SortedMap<String, LedgerEntry> ledger = miner(git).ledger();
            String fp = KEY.fingerprint("aws-access-key", key, "");
            assertThat(ledger).containsOnlyKeys(fp);
            LedgerEntry e = ledger.get(fp);
            assertThat(e.fix().commit()).isEqualTo(built.commit("bob-fixes"));
            assertThat(e.fix().parent()).isEqualTo(built.commit("alice-adds-key"));
            assertThat(e.fix().name()).isEqualTo("Bob Chen");
            assertThat(e.fix().email()).isEqualTo("bob@example.com");
            assertThat(e.fix().date()).isEqualTo("2026-03-05T16:40:00Z");
            assertThat(e.introducedBy().commit()).isEqualTo(built.commit("alice-adds-key"));
            assertThat(e.changes()).extracting(LedgerChange::path).containsExactly("config/application.yml");
            String patch = e.changes().get(0).patch();
            assertThat(patch).contains("+  accessKeyId: ${AWS_ACCESS_KEY_ID}", "-  accessKeyId: " + e.redacted(),
                    "+  secretAccessKey: ${AWS_SECRET_ACCESS_KEY}");
            built.secrets().values().forEach(v -> assertThat(patch).doesNotContain(v));
            // Where the fix put its reference, so that a different value there later is the fix undone.
            assertThat(e.changes().get(0).places())
                    .containsExactly(new FixedPlace("storage.accessKeyId", "${AWS_ACCESS_KEY_ID}"));
        }
    }

    @Test
    void theTimelineRecordsIntroductionFixAndReintroductionAndHistoryAloneMarksTheRegression() throws Exception {
        ScenarioRepository.Built built = h.build(ScenarioHarness.load("demo"), dir);
        String fp = KEY.fingerprint("aws-access-key", built.secrets().get("AWS_KEY_1"), "");
        try (Git git = Git.open(dir.toFile())) {
            Timeline t = miner(git).timeline();
            FindingHistory history = t.get(fp).orElseThrow();
            assertThat(history.events()).extracting(TimelineEvent::kind, TimelineEvent::commit).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(TimelineEvent.Kind.INTRODUCED, built.commit("alice-adds-key")),
                    org.assertj.core.groups.Tuple.tuple(TimelineEvent.Kind.REMOVED, built.commit("bob-fixes")),
                    org.assertj.core.groups.Tuple.tuple(TimelineEvent.Kind.INTRODUCED,
                            built.commit("agent-restores-key")));
            assertThat(history.pathsAtHead()).containsExactly("config/application.yml");

            ScanResult tree = treeScan(dir, t);
            ScanResult marked = HistoryRegressions.apply(tree, t);
            Finding key = marked.findings().stream().filter(f -> f.fingerprint().equals(fp)).findFirst().orElseThrow();
            assertThat(key.status()).isEqualTo(Status.REGRESSED);
            assertThat(key.fixedBy().commit()).isEqualTo(built.commit("bob-fixes"));
            assertThat(key.fixedBy().name()).isEqualTo("Bob Chen");
            assertThat(key.introducedBy().commit()).isEqualTo(built.commit("agent-restores-key"));
            assertThat(key.introducedBy().kind()).isEqualTo(IdentityKind.AGENT);
            assertThat(key.introducedBy().onBehalfOf().name()).isEqualTo("Carol Diaz");
            assertThat(key.properties()).containsEntry(FindingProperty.FIRST_INTRODUCED_IN.key(),
                    built.commit("alice-adds-key"));
            Finding token = marked.findings().stream().filter(f -> f.ruleId().equals("github-token")).findFirst()
                    .orElseThrow();
            assertThat(token.status()).isEqualTo(Status.NEW);
            assertThat(token.fixedBy()).isNull();
        }
    }

    @Test
    void fingerprintsSurviveLineMovesAndRenamesAndChangeWithTheValue() throws Exception {
        Scenario s = ScenarioHarness.load("moves-and-renames");
        Map<String, List<Finding>> at = new java.util.LinkedHashMap<>();
        Map<String, String> secrets = null;
        for (String step : List.of("add", "lines-above", "rename", "copy", "rotate")) {
            Path d = dir.resolve(step);
            ScenarioRepository.Built b = ScenarioHarness.repository(s).buildUntil(d, Map.of(), step);
            secrets = b.secrets();
            try (Git git = Git.open(d.toFile())) {
                at.put(step, treeScan(d, miner(git).timeline()).findings());
            }
        }
        String fp1 = KEY.fingerprint("aws-access-key", secrets.get("AWS_KEY_1"), "");
        assertThat(at.get("add")).extracting(f -> f.fingerprint() + "@" + f.location().path() + ":" + f.location().line())
                .containsExactly(fp1 + "@app/settings.py:1");
        assertThat(at.get("lines-above")).extracting(f -> f.fingerprint() + "@" + f.location().path() + ":"
                + f.location().line()).containsExactly(fp1 + "@app/settings.py:5");
        assertThat(at.get("rename")).extracting(f -> f.fingerprint() + "@" + f.location().path() + ":"
                + f.location().line()).containsExactly(fp1 + "@config/prod_settings.py:5");
        // The same value in two files: two findings, one fingerprint.
        assertThat(at.get("copy")).extracting(f -> f.fingerprint() + "@" + f.location().path() + ":"
                + f.location().line()).containsExactly(fp1 + "@config/prod_settings.py:5", fp1 + "@tools/upload.py:1");
        // A rotated value is a different finding.
        List<Finding> rotated = at.get("rotate");
        assertThat(rotated).hasSize(2);
        Finding inSettings = rotated.stream().filter(f -> f.location().path().equals("config/prod_settings.py"))
                .findFirst().orElseThrow();
        assertThat(inSettings.fingerprint()).isNotEqualTo(fp1)
                .isEqualTo(KEY.fingerprint("aws-access-key", secrets.get("AWS_KEY_2"), ""));
        // Moves and renames are not removals; the value still in tools/upload.py keeps it out of the ledger.
        try (Git git = Git.open(dir.resolve("rotate").toFile())) {
            LedgerMiner m = miner(git);
            assertThat(m.timeline().get(fp1).orElseThrow().events()).extracting(TimelineEvent::kind)
                    .containsExactly(TimelineEvent.Kind.INTRODUCED);
            assertThat(m.timeline().get(fp1).orElseThrow().pathsAtHead()).containsExactly("tools/upload.py");
            assertThat(m.ledger()).isEmpty();
        }
    }

    @Test
    void theBaselineKeepsEveryLocationOfAValueUnderOneFingerprint() throws Exception {
        ScenarioRepository.Built b = ScenarioHarness.repository(ScenarioHarness.load("moves-and-renames"))
                .buildUntil(dir, Map.of(), "copy");
        Path file = BaselineStore.defaultPath(dir);
        Baseline baseline = h.workflow.refresh(dir, file).baseline();
        String fp = baseline.fingerprinter().fingerprint("aws-access-key", b.secrets().get("AWS_KEY_1"), "");
        assertThat(baseline.findings()).containsOnlyKeys(fp);
        assertThat(baseline.findings().get(fp).locations()).containsExactly(
                new StoredLocation("config/prod_settings.py", 5), new StoredLocation("tools/upload.py", 1));
        assertThat(baseline.findings().get(fp).introducedBy().name()).isEqualTo("Alice Martin");
    }

    @Test
    void aFixMergedFromABranchIsTheBranchCommitNotTheMerge() throws Exception {
        ScenarioRepository.Built b = ScenarioHarness.repository(ScenarioHarness.load("fix-on-a-branch"))
                .build(dir, Map.of());
        String fp = KEY.fingerprint("aws-access-key", b.secrets().get("AWS_KEY_1"), "");
        try (Git git = Git.open(dir.toFile())) {
            LedgerMiner m = miner(git);
            assertThat(m.timeline().get(fp).orElseThrow().events()).extracting(TimelineEvent::kind,
                    TimelineEvent::commit).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(TimelineEvent.Kind.INTRODUCED, b.commit("add")),
                    org.assertj.core.groups.Tuple.tuple(TimelineEvent.Kind.REMOVED, b.commit("bob-fixes-on-branch")));
            LedgerEntry e = m.ledger().get(fp);
            assertThat(e.fix().commit()).isEqualTo(b.commit("bob-fixes-on-branch"));
            assertThat(e.fix().parent()).isEqualTo(b.commit("add"));
            assertThat(e.changes()).extracting(LedgerChange::path).containsExactly("deploy/app.env");
            assertThat(git.getRepository().parseCommit(
                    git.getRepository().resolve(b.commit("merge"))).getParentCount()).isEqualTo(2);
        }
    }
}
