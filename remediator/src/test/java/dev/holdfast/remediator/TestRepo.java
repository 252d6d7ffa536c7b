package dev.holdfast.remediator;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/** A throwaway repository on branch main, committed to with explicit authors and dates. */
final class TestRepo implements AutoCloseable {
    final Path dir;
    final Git git;
    private Instant clock = Instant.parse("2026-03-02T10:00:00Z");

    TestRepo(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
        git.getRepository().getConfig().save();
    }

    void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    String read(String path) throws IOException {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }

    RevCommit commit(String name, String email, String message, String... pathsAndContents) throws Exception {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            write(pathsAndContents[i], pathsAndContents[i + 1]);
            git.add().addFilepattern(pathsAndContents[i]).call();
        }
        clock = clock.plusSeconds(86_400);
        PersonIdent who = new PersonIdent(name, email, clock, ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
