package dev.holdfast.cli.hardening;

import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.cli.CliRunner;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CLI in child JVMs ({@code java -cp <test classpath> dev.holdfast.cli.Main}), killed with
 * {@code destroyForcibly()} (SIGKILL) after seeded random delays, so the kill lands before, during and after the
 * work: the baseline is always the old bytes or a complete valid new file, two concurrent runs never corrupt it, and
 * a killed {@code fix} never touches the user's checkout, index or current branch.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    private static Process start(Path workDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.holdfast.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void killAfter(Process p, long millis) throws Exception {
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private Path repository(boolean regression) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            for (int i = 0; i < 12; i++) {
                Files.createDirectories(repo.resolve("svc" + i));
                Files.writeString(repo.resolve("svc" + i + "/app.properties"),
                        AdversarialRepositoryTest.keyLine(AdversarialRepositoryTest.key(100 + i)));
            }
            commit(git, "add services");
            for (int i = 0; i < 12; i += 2) {
                Files.writeString(repo.resolve("svc" + i + "/app.properties"), "aws.accessKeyId=${AWS_KEY}\n");
            }
            commit(git, "keys from the environment");
            assertThat(CliRunner.run("baseline", repo.toString()).exit()).isZero();
            commit(git, "baseline");
            if (regression) {
                for (int i = 0; i < 12; i += 2) {
                    Files.writeString(repo.resolve("svc" + i + "/app.properties"),
                            AdversarialRepositoryTest.keyLine(AdversarialRepositoryTest.key(100 + i)));
                }
            } else {
                for (int i = 0; i < 6; i++) {
                    Files.writeString(repo.resolve("svc" + i + "/extra.properties"),
                            AdversarialRepositoryTest.keyLine(AdversarialRepositoryTest.key(200 + i)));
                }
            }
            commit(git, "more changes");
        }
        return repo;
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setAll(true).setMessage(message).setAuthor("Dev", "dev@example.com")
                .setCommitter("Dev", "dev@example.com").setSign(false).call();
    }

    @Test
    void aBaselineKilledAtAnyPointLeavesTheOldFileOrACompleteNewOne() throws Exception {
        Path repo = repository(false);
        Path file = repo.resolve(BaselineStore.DEFAULT_RELATIVE_PATH);
        byte[] old = Files.readAllBytes(file);
        Random random = new Random(7);
        List<byte[]> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Process p = start(dir, "baseline", repo.toString());
            killAfter(p, 300 + random.nextInt(2500));
            seen.add(Files.readAllBytes(file));
            new BaselineStore().read(file); // complete and valid, whichever it is
            Files.write(file, old);         // back to the old one for the next kill
        }
        assertThat(CliRunner.run("baseline", repo.toString()).exit()).isZero();
        byte[] complete = Files.readAllBytes(file);
        assertThat(complete).isNotEqualTo(old);
        for (byte[] s : seen) {
            assertThat(Arrays.equals(s, old) || Arrays.equals(s, complete)).as(new String(s)).isTrue();
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no half-written file is left where the baseline is read")
                    .allMatch(n -> n.equals("baseline.json") || n.endsWith(".lock") || n.endsWith(".tmp")
                            || n.equals(".gitignore"));
        }
    }

    @Test
    void concurrentBaselineRunsNeverCorruptTheFile() throws Exception {
        Path repo = repository(false);
        Path file = repo.resolve(BaselineStore.DEFAULT_RELATIVE_PATH);
        byte[] old = Files.readAllBytes(file);
        assertThat(CliRunner.run("baseline", repo.toString()).exit()).isZero();
        byte[] expected = Files.readAllBytes(file); // same salt: a refresh keeps it
        assertThat(expected).isNotEqualTo(old);
        for (int round = 0; round < 2; round++) {
            Files.write(file, old);
            Process a = start(dir, "baseline", repo.toString());
            Process b = start(dir, "baseline", repo.toString());
            assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).isZero();
            assertThat(b.exitValue()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        }
    }

    @Test
    void aKilledFixLeavesTheCheckoutIndexAndBranchUntouched() throws Exception {
        Path repo = repository(true);
        ObjectId head;
        byte[] index;
        List<String> files = new ArrayList<>();
        try (Git git = Git.open(repo.toFile())) {
            head = git.getRepository().resolve("HEAD");
            index = Files.readAllBytes(repo.resolve(".git/index"));
            assertThat(git.status().call().isClean()).isTrue();
        }
        try (var s = Files.walk(repo)) {
            s.filter(Files::isRegularFile).filter(p -> !p.startsWith(repo.resolve(".git")))
                    .forEach(p -> files.add(repo.relativize(p) + "\n" + read(p)));
        }
        Random random = new Random(11);
        for (int i = 0; i < 5; i++) {
            Process p = start(dir, "fix", repo.toString());
            killAfter(p, 300 + random.nextInt(3000));
            try (Git git = Git.open(repo.toFile())) {
                Repository r = git.getRepository();
                assertThat(r.getBranch()).isEqualTo("main");
                assertThat(r.resolve("HEAD")).isEqualTo(head);
                Status status = git.status().call();
                assertThat(status.isClean()).as(status.getUntracked() + " " + status.getModified()).isTrue();
            }
            assertThat(Files.readAllBytes(repo.resolve(".git/index"))).isEqualTo(index);
            assertThat(repo.resolve(".git/index.lock")).doesNotExist();
            List<String> now = new ArrayList<>();
            try (var s = Files.walk(repo)) {
                s.filter(Files::isRegularFile).filter(f -> !f.startsWith(repo.resolve(".git")))
                        .forEach(f -> now.add(repo.relativize(f) + "\n" + read(f)));
            }
            assertThat(now).containsExactlyInAnyOrderElementsOf(files);
        }
        // and a complete run afterwards still works: stale locks from the killed runs do not wedge it
        CliRunner.Run after = CliRunner.run("fix", repo.toString());
        assertThat(after.exit()).as(after.all()).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
