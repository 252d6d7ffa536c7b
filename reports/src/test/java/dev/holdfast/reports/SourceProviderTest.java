package dev.holdfast.reports;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SourceProviderTest {
    @TempDir
    Path root;

    @Test
    void theWorkingTreeButNothingOutsideIt() throws Exception {
        Files.writeString(root.resolve("a.txt"), "hello\n");
        Files.writeString(root.getParent().resolve("outside-" + root.getFileName() + ".txt"), "no");
        SourceProvider p = SourceProvider.directory(root);
        assertThat(p.read("a.txt", null)).isEqualTo("hello\n");
        assertThat(p.read("../outside-" + root.getFileName() + ".txt", null)).isNull();
        assertThat(p.read("missing.txt", null)).isNull();
        assertThat(p.read("", null)).isNull();
        Files.delete(root.getParent().resolve("outside-" + root.getFileName() + ".txt"));
    }

    @Test
    void historyFindingsReadTheBlobOfTheirCommit() throws Exception {
        RevCommit first;
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            Files.writeString(root.resolve("conf.txt"), "one\ntwo\n");
            git.add().addFilepattern("conf.txt").call();
            first = git.commit().setMessage("first").setAuthor("Dev", "d@e.com").setCommitter("Dev", "d@e.com")
                    .setSign(false).call();
            Files.writeString(root.resolve("conf.txt"), "changed\n");
            git.add().addFilepattern("conf.txt").call();
            git.commit().setMessage("second").setAuthor("Dev", "d@e.com").setCommitter("Dev", "d@e.com")
                    .setSign(false).call();
        }
        Files.writeString(root.resolve("conf.txt"), "working tree\n");
        SourceProvider p = SourceProvider.git(root);
        assertThat(p.read("conf.txt", first.name())).isEqualTo("one\ntwo\n");
        assertThat(p.read("conf.txt", null)).isEqualTo("working tree\n");
        // An unknown commit (e.g. from another clone) falls back to the working tree.
        assertThat(p.read("conf.txt", "1234567890123456789012345678901234567890")).isEqualTo("working tree\n");
        // Closing releases the repository; a later read opens it again.
        ((AutoCloseable) p).close();
        assertThat(p.read("conf.txt", first.name())).isEqualTo("one\ntwo\n");
        ((AutoCloseable) p).close();
        assertThat(SourceProvider.git(root.resolve("nope")).read("conf.txt", first.name())).isNull();
    }
}
