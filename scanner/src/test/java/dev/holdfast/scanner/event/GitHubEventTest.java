package dev.holdfast.scanner.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event payloads read as requests; every bad one is one line naming the file and what is wrong with it. */
class GitHubEventTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String ZERO = "0".repeat(40);

    @TempDir
    Path tmp;

    private Path payload(String json) throws Exception {
        Path f = Files.createTempFile(tmp, "event", ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void aPushIsOneRefUpdateWithItsFlags() throws Exception {
        GitHubEvent.Request r = GitHubEvent.read(payload("{\"ref\":\"refs/tags/v1\",\"before\":\"" + ZERO
                + "\",\"after\":\"" + A + "\",\"created\":true,\"deleted\":false,\"forced\":false,\"commits\":[]}"),
                "push");
        assertThat(r).isInstanceOfSatisfying(GitHubEvent.Push.class, p -> {
            assertThat(p.update().created()).isTrue();
            assertThat(p.update().isTag()).isTrue();
            assertThat(p.update().describe()).isEqualTo("tag v1");
        });
        GitHubEvent.Request deleted = GitHubEvent.read(payload("{\"ref\":\"refs/heads/x\",\"before\":\"" + A
                + "\",\"after\":\"" + ZERO + "\",\"deleted\":true}"), "push");
        assertThat(((GitHubEvent.Push) deleted).update().deleted()).isTrue();
        GitHubEvent.Request forced = GitHubEvent.read(payload("{\"ref\":\"refs/heads/main\",\"before\":\"" + A
                + "\",\"after\":\"" + B + "\",\"forced\":true}"), "push");
        assertThat(((GitHubEvent.Push) forced).update().forced()).isTrue();
    }

    @Test
    void pullRequestsAndMergeGroupsAreBaseAndHead() throws Exception {
        GitHubEvent.Request pr = GitHubEvent.read(payload("{\"number\":7,\"pull_request\":{\"number\":7,"
                + "\"base\":{\"sha\":\"" + A + "\"},\"head\":{\"sha\":\"" + B + "\"}}}"), "pull_request_target");
        assertThat(pr).isEqualTo(new GitHubEvent.Between(A, B, "pull request #7"));
        GitHubEvent.Request queue = GitHubEvent.read(payload("{\"merge_group\":{\"base_sha\":\"" + A
                + "\",\"head_sha\":\"" + B + "\",\"head_ref\":\"refs/heads/gh-readonly-queue/main/pr-7\"}}"),
                "merge_group");
        assertThat(queue).isInstanceOf(GitHubEvent.Between.class);
        assertThat(GitHubEvent.read(null, "schedule")).isInstanceOf(GitHubEvent.Everything.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "push         | {\"ref\":\"main\",\"before\":\"x\",\"after\":\"y\"}    | 'ref' must be a full ref name",
        "push         | {\"ref\":\"refs/heads/main\",\"before\":\"x\"}         | 'before' must be a 40-digit commit id",
        "pull_request | {\"pull_request\":{\"base\":{\"sha\":1}}}             | 'pull_request.base.sha' must be",
        "merge_group  | {}                                                     | 'merge_group.base_sha' must be",
        "push         | [1,2]                                                  | not a JSON object",
        "push         | {\"ref\":                                               | not valid JSON",
        "release      | {}                                                     | event 'release' is not one holdfast scans",
    })
    void badPayloadsAreOneLineNamingWhatIsWrong(String name, String json, String says) throws Exception {
        Path file = payload(json);
        assertThatThrownBy(() -> GitHubEvent.read(file, name)).isInstanceOf(EventException.class)
                .hasMessageContaining(says).hasMessageNotContaining("\n");
    }

    @Test
    void aMissingFileOrNameIsSaidPlainly() {
        assertThatThrownBy(() -> GitHubEvent.read(tmp.resolve("nope.json"), "push"))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> GitHubEvent.read(null, "push")).hasMessageContaining("pass --event FILE");
        assertThatThrownBy(() -> GitHubEvent.read(null, " ")).hasMessageContaining("--event-name");
    }
}
