package dev.holdfast.git;

import dev.holdfast.identity.CommitAuthorClassifier;
import dev.holdfast.model.Attribution;
import dev.holdfast.model.IdentityKind;
import dev.holdfast.model.Person;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BlameAttributorTest {
    @TempDir
    Path tmp;

    private static PersonIdent id(String name, String email, String when) {
        return new PersonIdent(name, email, Instant.parse(when), ZoneOffset.UTC);
    }

    @Test
    void attributesEachLineToTheCommitThatWroteItAndClassifiesItsAuthor() throws Exception {
        Path dir = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Path conf = dir.resolve("app/conf.ini");
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, "a=1\nb=2\n");
            git.add().addFilepattern(".").call();
            PersonIdent alice = id("Alice Example", "alice@example.com", "2024-03-01T10:00:00Z");
            RevCommit first = git.commit().setMessage("config").setAuthor(alice).setCommitter(alice).call();

            Files.writeString(conf, "a=1\nb=2\nkey=" + TestRepo.awsKey(9) + "\n");
            git.add().addFilepattern(".").call();
            PersonIdent copilot = id("Copilot", "198982749+Copilot@users.noreply.github.com", "2024-03-02T10:00:00Z");
            RevCommit second = git.commit().setMessage("add key\n\nCo-authored-by: Alice Example <alice@example.com>")
                    .setAuthor(copilot).setCommitter(id("GitHub", "noreply@github.com", "2024-03-02T10:00:00Z"))
                    .call();

            // an uncommitted line has no author yet
            Files.writeString(conf, "a=1\nb=2\nkey=" + TestRepo.awsKey(9) + "\nlocal=1\n");

            try (BlameAttributor b = BlameAttributor.forDirectory(dir, CommitAuthorClassifier.builtin()).orElseThrow()) {
                Attribution l1 = b.attribute("app/conf.ini", 1);
                assertThat(l1.commit()).isEqualTo(first.name());
                assertThat(l1.kind()).isEqualTo(IdentityKind.HUMAN);
                assertThat(l1.date()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));

                Attribution l3 = b.attribute("app/conf.ini", 3);
                assertThat(l3.commit()).isEqualTo(second.name());
                assertThat(l3.name()).isEqualTo("Copilot");
                assertThat(l3.kind()).isEqualTo(IdentityKind.AGENT);
                assertThat(l3.onBehalfOf()).isEqualTo(new Person("Alice Example", "alice@example.com"));

                assertThat(b.attribute("app/conf.ini", 4)).isNull();
                assertThat(b.attribute("app/conf.ini", 99)).isNull();
                assertThat(b.attribute("untracked.txt", 1)).isNull();
            }
            // a scanned subdirectory: paths are relative to it
            try (BlameAttributor b = BlameAttributor.forDirectory(dir.resolve("app"), CommitAuthorClassifier.builtin())
                    .orElseThrow()) {
                assertThat(b.attribute("conf.ini", 3).commit()).isEqualTo(second.name());
            }
        }
    }

    @Test
    void aDirectoryOutsideGitHasNoAttributor() throws Exception {
        assertThat(BlameAttributor.forDirectory(tmp, CommitAuthorClassifier.builtin())).isEmpty();
    }
}
