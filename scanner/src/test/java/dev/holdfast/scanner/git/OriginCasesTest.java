package dev.holdfast.scanner.git;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.TreeScanner;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who introduced a finding, case by case ({@code src/test/resources/origins/*.yaml}): each case is a real repository
 * built commit by commit, scanned as a working tree, and every expected secret must be traced to the step that really
 * added it — the same answer whether the walk starts from the working tree or from the commit (history and ranges).
 */
class OriginCasesTest {
    private static final AwsKeyTestDetector DETECTOR = new AwsKeyTestDetector();
    private static final FindingFactory FACTORY = new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey()));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lines-around", "reindented", "moved", "fixed-and-back", "merged"})
    void everySecretIsTracedToTheStepThatAddedIt(String name) throws Exception {
        Scenario scenario;
        try (InputStream in = getClass().getResourceAsStream("/origins/" + name + ".yaml")) {
            scenario = Scenario.read(in);
        }
        Path dir = tmp.resolve(name);
        ScenarioRepository.Built built = new ScenarioRepository(scenario, new SecretGenerator(4242L))
                .build(dir, Map.of());
        List<Finding> findings = scanTree(dir);

        try (Repository repo = Git.open(dir.toFile()).getRepository()) {
            FindingOrigins origins = new FindingOrigins(repo, "", DETECTOR, FACTORY, CommitAuthorClassifier.builtin(),
                    ObjectFetcher.NONE);
            List<FindingOrigins.Traced> fromTree = origins.trace(findings, FindingOrigins.Content.workingTree(dir))
                    .traced();
            List<FindingOrigins.Traced> fromCommit = origins.trace(findings,
                    FindingOrigins.Content.locationCommit()).traced();
            assertThat(fromCommit).extracting(FindingOrigins.Traced::commit)
                    .containsExactlyElementsOf(fromTree.stream().map(FindingOrigins.Traced::commit).toList());

            for (Scenario.Expectation e : scenario.expect()) {
                String value = built.secrets().get(e.secret());
                FindingOrigins.Traced t = fromTree.stream()
                        .filter(x -> x.finding().location().path().equals(e.path()))
                        .filter(x -> lineOf(dir, x.finding()).contains(value))
                        .findFirst().orElseThrow(() -> new AssertionError(e.secret() + " not found in " + e.path()));
                assertThat(t.commit()).as("%s in %s", e.secret(), e.path())
                        .isEqualTo(ObjectId.fromString(built.commit(e.introducedByStep())));
                assertThat(t.attributed().introducedBy().commit()).isEqualTo(built.commit(e.introducedByStep()));
                if (e.introducedByKind() != null) {
                    assertThat(t.by().kind().id()).isEqualTo(e.introducedByKind());
                }
                if (e.onBehalfOf() != null) {
                    assertThat(t.by().onBehalfOf().email()).isEqualTo(e.onBehalfOf());
                }
            }
        }
    }

    @Test
    void aValueOnlyInTheWorkingTreeIsUncommittedAndHasNoAuthor() throws Exception {
        Path dir = tmp.resolve("uncommitted");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("a.txt"), "nothing yet\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setSign(false).call();
            Files.writeString(dir.resolve("a.txt"), "key " + TestRepo.awsKey(1) + "\n");
            List<Finding> findings = scanTree(dir);
            FindingOrigins.Result r = new FindingOrigins(git.getRepository(), "", DETECTOR, FACTORY,
                    CommitAuthorClassifier.builtin(), ObjectFetcher.NONE)
                    .trace(findings, FindingOrigins.Content.workingTree(dir));
            assertThat(r.traced()).singleElement().satisfies(t -> {
                assertThat(t.origin()).isInstanceOf(Origins.Uncommitted.class);
                assertThat(t.attributed().introducedBy()).isNull();
            });
        }
    }

    @Test
    void aKeyOlderThanAShallowClonesBoundaryHasNoAuthorAndSaysWhy() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("shallow"))) {
            ObjectId c1 = t.commit("main", TestRepo.files("k.txt", TestRepo.awsKey(3) + "\n"), "c1");
            ObjectId c2 = t.commit("main", TestRepo.files("k.txt", "# moved\n" + TestRepo.awsKey(3) + "\n"), "c2", c1);
            ObjectId c3 = t.commit("main", TestRepo.files("k.txt", "# moved\n" + TestRepo.awsKey(3) + "\n",
                    "new.txt", TestRepo.awsKey(4) + "\n"), "c3", c2);
            t.flush();
            Files.writeString(t.repo.getDirectory().toPath().resolve("shallow"), c2.name() + "\n");
            List<Finding> findings = List.of(FACTORY.toFinding(DETECTOR.detect(doc("k.txt", TestRepo.awsKey(3)))
                    .get(0), "k.txt", c3.name()), FACTORY.toFinding(DETECTOR.detect(doc("new.txt",
                    TestRepo.awsKey(4))).get(0), "new.txt", c3.name()));
            try (Repository repo = Repos.open(t.dir)) {
                FindingOrigins.Result r = new FindingOrigins(repo, "", DETECTOR, FACTORY,
                        CommitAuthorClassifier.builtin(), ObjectFetcher.NONE)
                        .trace(findings, FindingOrigins.Content.locationCommit());
                assertThat(r.traced().get(0).origin()).isEqualTo(new Origins.BeyondShallow(c2));
                assertThat(r.traced().get(0).attributed().introducedBy()).isNull();
                assertThat(r.traced().get(1).commit()).isEqualTo(c3);
                assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.reason())
                        .contains("shallow clone").contains(c2.abbreviate(12).name()).contains("fetch-depth: 0"));
            }
        }
    }

    private static dev.holdfast.rules.detect.Document doc(String path, String text) {
        return new dev.holdfast.rules.detect.Document(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The working tree's findings, located at HEAD as a tree scan does. */
    private static List<Finding> scanTree(Path dir) throws Exception {
        String head;
        try (Repository repo = Repos.open(dir)) {
            head = repo.resolve("HEAD").name();
        }
        Map<String, RuleInfo> rules = Map.of();
        ScanResult r = new TreeScanner(HoldfastConfig.defaults(), DETECTOR, FACTORY, rules, null)
                .scan(dir, dir.toString(), head);
        return r.findings();
    }

    private static String lineOf(Path dir, Finding f) {
        try {
            return Files.readAllLines(dir.resolve(f.location().path())).get(f.location().line() - 1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
