package dev.holdfast.remediator;

import dev.holdfast.remediator.git.BranchPusher;
import dev.holdfast.remediator.git.BranchWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushing the fix branch to a local bare repository standing in for GitHub. */
class BranchPushTest {
    private static final String BOT = "holdfast@users.noreply.github.com";

    @TempDir
    Path tmp;

    @Test
    void pushesOnceThenIsUpToDateAndNeverOverwritesSomeoneElsesCommit() throws Exception {
        DriftScenario s = new DriftScenario(tmp.resolve("work"), new Secrets());
        Repository repo = s.repo.git.getRepository();
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        s.repo.git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo, List.of(s.finding()));
        Fix fix = plan.fixes().get(0);
        String branch = FixNames.branch(fix);
        BranchWriter.Outcome written = new BranchWriter(new PersonIdent("Holdfast", BOT,
                Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC))
                .write(repo, plan.headCommit(), fix.edits(), branch, FixNames.commitMessage(fix));
        BranchPusher pusher = new BranchPusher(null, BOT);

        BranchPusher.Outcome first = pusher.push(repo, "origin", branch);
        assertThat(first.state()).isEqualTo(BranchPusher.State.PUSHED);
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().exactRef(Constants.R_HEADS + branch).getObjectId().name())
                    .isEqualTo(written.commit());
            assertThat(remote.getRepository().exactRef(Constants.R_HEADS + "main")).isNull();
        }
        assertThat(pusher.push(repo, "origin", branch).state()).isEqualTo(BranchPusher.State.UP_TO_DATE);

        // A reviewer pushes a commit of their own onto the fix branch.
        Path other = tmp.resolve("reviewer");
        try (Git reviewer = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(other.toFile())
                .setBranch(branch).call()) {
            Files.writeString(other.resolve("NOTES.md"), "reviewed\n");
            reviewer.add().addFilepattern("NOTES.md").call();
            PersonIdent eve = new PersonIdent("Eve Reviewer", "eve@example.com");
            reviewer.commit().setMessage("note").setAuthor(eve).setCommitter(eve).setSign(false).call();
            reviewer.push().call();
        }
        String theirs;
        try (Git remote = Git.open(bare.toFile())) {
            theirs = remote.getRepository().exactRef(Constants.R_HEADS + branch).getObjectId().name();
        }
        BranchPusher.Outcome third = pusher.push(repo, "origin", branch);
        assertThat(third.state()).isEqualTo(BranchPusher.State.FOREIGN);
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().exactRef(Constants.R_HEADS + branch).getObjectId().name())
                    .isEqualTo(theirs);
        }
        assertThat(repo.getFullBranch()).isEqualTo("refs/heads/main");
    }
}
