package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code uses: OWNER/holdfast@REF} with no inputs, on a fresh repository, as the runner runs it: the action's own
 * checkout (this project's sources, copied) built with Maven, the build cached under a key of those sources, then the
 * scan of the push. The second job of the same action finds the build in the cache and does not build again.
 */
class ActionFromSourceTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // a hang guard: a cold Maven build on two busy cores
    void theActionBuildsItselfFromSourceAndScansAFreshRepositoryWithNoInputs() throws Exception {
        assumeTrue(onPath("mvn") && onPath("git"), "Maven and git are on GitHub's hosted runners");
        Path action = copySources(tmp.resolve("_actions/holdfast-dev/holdfast/main"));
        Path cache = Files.createDirectories(tmp.resolve("cache-store"));
        GitRemote g = new GitRemote(Files.createDirectories(tmp.resolve("github")));
        String first = g.commit("Alice Martin <alice@example.com>", "Start", "README.md", "# uploader\n");
        g.push("main");

        CompositeActionRunner.Job one = job(g, action, cache, "run-1", "0".repeat(40), first);
        assertThat(one.exit()).as(one.log()).isZero();
        assertThat(one.ran()).containsExactly("actions/setup-java", "run:cli", "actions/cache", "run:holdfast");
        assertThat(one.log()).contains("cache: miss holdfast-cli-v1-Linux-")
                .contains("building the CLI from the action's sources with Maven");
        assertThat(one.outputs()).containsEntry("findings", "0").containsEntry("regressions", "0");
        Path sarif = tmp.resolve("run-1").resolve(one.outputs().get("sarif-file"));
        assertThat(sarif).exists();
        assertThat(new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results")).isEmpty();

        String key = new SecretGenerator(99L).generate("aws-access-key-id");
        String second = g.commit("Bob Chen <bob@example.com>", "Configure", "config/app.yml", "key: " + key + "\n");
        g.push("main");
        CompositeActionRunner.Job two = job(g, action, cache, "run-2", first, second);
        assertThat(two.exit()).as(two.log()).isEqualTo(ExitCode.FINDINGS);
        assertThat(two.log()).contains("cache: hit holdfast-cli-v1-Linux-")
                .contains("using the CLI built from these sources earlier")
                .doesNotContain("building the CLI").doesNotContain(key);
        assertThat(two.outputs()).containsEntry("findings", "1");
        JsonNode results = new ObjectMapper().readTree(tmp.resolve("run-2").resolve(two.outputs().get("sarif-file"))
                .toFile()).at("/runs/0/results");
        assertThat(results).singleElement().satisfies(r ->
                assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                        .isEqualTo("config/app.yml"));
    }

    /** One job: a fresh runner temp and checkout of the pushed commit, the push event, the action with no inputs. */
    private CompositeActionRunner.Job job(GitRemote g, Path action, Path cache, String name, String before,
                                          String after) throws Exception {
        Path workspace = g.ciClone("../" + name, after).normalize();
        Path event = g.event("push", Map.of("REF", "refs/heads/main", "BEFORE", before, "AFTER", after,
                "CREATED", String.valueOf(before.equals("0".repeat(40))), "DELETED", "false", "FORCED", "false"));
        Path temp = Files.createDirectories(tmp.resolve(name + "-runner-temp"));
        return new CompositeActionRunner(action, cache, Map.of("workspace", workspace.toString(), "event_name", "push",
                "event_path", event.toString(), "repository", "octo-org/uploader", "token", "ghs_not-a-real-token"),
                Map.of("os", "Linux", "temp", temp.toString())).run(Map.of());
    }

    /** What the action's checkout holds of this project: the build files and main sources, not tests or targets. */
    private static Path copySources(Path to) throws Exception {
        List<String> top = List.of("pom.xml", "action.yml", "action", "fixtures/demo", "rules", "scanner",
                "remediator", "reports", "cli");
        for (String entry : top) {
            Path from = PROJECT.resolve(entry);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String rel = PROJECT.relativize(p).toString();
                    if (rel.contains("/target") || rel.contains("/src/test")) {
                        continue;
                    }
                    Path target = to.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
        }
        return to;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
