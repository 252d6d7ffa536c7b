package dev.holdfast.cli.hooks;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code git push}es to a local bare remote through the installed pre-push hook, so the scan reads git's own
 * pre-push stdin: a new branch, a force push and a deletion, each clean and with a secret, and an existing pre-push
 * hook that still gets the same stdin after holdfast read it.
 */
class PrePushHookTest {
    @TempDir
    Path tmp;
    private Sandbox s;
    private Path work;
    private Path remote;

    @BeforeEach
    void cloneWithTheHookInstalled() throws Exception {
        s = new Sandbox(tmp);
        remote = Files.createDirectories(tmp.resolve("remote.git"));
        s.git(remote, "init", "-q", "--bare", "-b", "main");
        Path seed = s.repo("seed");
        s.git(seed, "push", "-q", remote.toString(), "main");
        work = tmp.resolve("work");
        s.git(tmp, "clone", "-q", remote.toString(), work.toString());
        // an existing pre-push hook that records the refs git gave it
        Path hook = work.resolve(".git/hooks/pre-push");
        Files.writeString(hook, "#!/bin/sh\nwhile read l lsha r rsha; do echo \"$1 $l $r\" >> pushed.txt; done\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner.Run r = CliRunner.run("hooks", "install", work.toString(), "--pre-push", "--launcher",
                Sandbox.launcher());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aNewBranchWithASecretIsRefusedThenGoesThroughOnceRewritten() throws Exception {
        s.git(work, "checkout", "-q", "-b", "feature");
        commit("feature.txt", "work\n", "feature work");
        String token = s.githubToken();
        commit("ci/deploy.env", "GITHUB_TOKEN=" + token + "\n", "adds a token");
        String bad = s.git(work, "rev-parse", "HEAD").out().strip();

        Sandbox.Ran refused = s.gitMayFail(work, "push", "origin", "feature");
        assertThat(refused.exit()).as(refused.all()).isNotZero();
        assertThat(refused.err()).contains("push blocked").contains("ci/deploy.env:1 in commit " + bad.substring(0, 12))
                .contains("github").contains("creates refs/heads/feature").doesNotContain(token);
        assertThat(s.git(remote, "branch", "--list", "feature").out()).isEmpty();
        assertThat(work.resolve("pushed.txt")).doesNotExist();

        s.git(work, "reset", "-q", "--hard", "HEAD~1");
        s.git(work, "push", "-q", "origin", "feature");
        assertThat(s.git(remote, "branch", "--list", "feature").out()).contains("feature");
        // the chained hook got git's stdin after holdfast read it
        assertThat(Files.readString(work.resolve("pushed.txt")))
                .isEqualTo("origin refs/heads/feature refs/heads/feature\n");
    }

    @Test
    void aForcePushIsJudgedByItsNewCommitsOnly() throws Exception {
        commit("a.txt", "one\n", "pushed");
        s.git(work, "push", "-q", "origin", "main");
        String pushed = s.git(work, "rev-parse", "HEAD").out().strip();
        s.git(work, "reset", "-q", "--hard", "HEAD~1");
        String key = s.awsKey();
        commit("a.txt", "one, rewritten\naws_access_key_id = " + key + "\n", "rewritten with a key");

        Sandbox.Ran refused = s.gitMayFail(work, "push", "--force", "origin", "main");
        assertThat(refused.exit()).as(refused.all()).isNotZero();
        assertThat(refused.err()).contains("force push of refs/heads/main").contains("a.txt:2").doesNotContain(key);
        assertThat(s.git(remote, "rev-parse", "main").out().strip()).isEqualTo(pushed);

        commit("a.txt", "one, rewritten\naws_access_key_id = ${AWS_ACCESS_KEY_ID}\n", "reference instead");
        s.git(work, "reset", "-q", "--soft", "HEAD~2");
        s.git(work, "commit", "-q", "-m", "rewritten, clean");
        s.git(work, "push", "-q", "--force", "origin", "main");
        assertThat(s.git(remote, "rev-parse", "main").out().strip())
                .isEqualTo(s.git(work, "rev-parse", "HEAD").out().strip());
    }

    @Test
    void aDeletionSendsNothingAndGoesThrough() throws Exception {
        s.git(work, "checkout", "-q", "-b", "old");
        commit("old.txt", "old\n", "old work");
        s.git(work, "push", "-q", "origin", "old");
        s.git(work, "checkout", "-q", "main");
        Sandbox.Ran deleted = s.git(work, "push", "origin", "--delete", "old");
        assertThat(deleted.err()).contains("deletes refs/heads/old on the remote: nothing to scan");
        assertThat(s.git(remote, "branch", "--list", "old").out()).isEmpty();
    }

    @Test
    void aSecretAlreadyOnTheRemoteThatOnlyMovesIsNotBlocked() throws Exception {
        String key = s.awsKey();
        commit("conf/app.properties", "aws.accessKeyId=" + key + "\nname=app\n", "old key, already public");
        s.git(work, "push", "-q", "--no-verify", "origin", "main");
        s.git(work, "rm", "-q", "conf/app.properties");
        commit("conf/app.yml", "name: app\naws:\n  accessKeyId: " + key + "\n", "properties to yaml");
        Sandbox.Ran pushed = s.git(work, "push", "origin", "main");
        assertThat(pushed.err()).doesNotContain("blocked").doesNotContain(key);
    }

    private void commit(String path, String content, String message) throws Exception {
        s.commitFile(work, path, content, message);
    }
}
