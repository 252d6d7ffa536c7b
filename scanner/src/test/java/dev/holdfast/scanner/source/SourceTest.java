package dev.holdfast.scanner.source;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.git.HistoryWalk;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every source reads under the same rules: the size cap, paths.ignore and git's binary test. */
class SourceTest {
    @TempDir
    Path dir;

    private String commit(Git git, String message, String path, byte[] content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        git.add().addFilepattern(path).call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }

    private static List<String> read(Source source) throws Exception {
        List<String> out = new ArrayList<>();
        source.read(d -> out.add(d.path() + "@" + (d.commit() == null ? "tree" : d.commit().substring(0, 7)) + "="
                + new String(d.text(), StandardCharsets.UTF_8).strip()));
        return out;
    }

    @Test
    void treeHistoryAndRangeHonourTheSameRules() throws Exception {
        HoldfastConfig config = HoldfastConfig.parse("paths:\n  ignore: [\"vendor/**\"]\nscan:\n  maxFileSize: 1KB\n",
                dir.resolve(".holdfast.yml"), dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            String first = commit(git, "one", "app.txt", "v1\n".getBytes(StandardCharsets.UTF_8));
            commit(git, "vendored", "vendor/lib.txt", "vendored\n".getBytes(StandardCharsets.UTF_8));
            commit(git, "big", "big.txt", "x".repeat(2000).getBytes(StandardCharsets.UTF_8));
            commit(git, "binary", "logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13,
                    'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0});
            String second = commit(git, "two", "app.txt", "v2\n".getBytes(StandardCharsets.UTF_8));
            // the same content again at another path is the same blob: read once, where it first appeared
            String copy = commit(git, "copy", "copy.txt", "v1\n".getBytes(StandardCharsets.UTF_8));

            assertThat(read(Source.tree(dir, config))).containsExactly("app.txt@tree=v2", "copy.txt@tree=v1");

            HistoryWalk all = HistoryWalk.all(git.getRepository());
            long walks = HistoryWalk.walks();
            assertThat(read(Source.history(all, config))).containsExactly(
                    "app.txt@" + first.substring(0, 7) + "=v1", "app.txt@" + second.substring(0, 7) + "=v2");
            // a second reader of the same walk does not walk again
            assertThat(all.commits()).hasSize(6);
            assertThat(HistoryWalk.walks() - walks).isEqualTo(1);

            // a range: only the versions its commits show (a blob older than the range counts as new in it)
            var set = new dev.holdfast.scanner.git.CommitSet(List.of(git.getRepository().resolve("HEAD")),
                    List.of(git.getRepository().resolve(second + "^")), null, List.of());
            assertThat(read(Source.history(HistoryWalk.of(git.getRepository(), set), config))).containsExactly(
                    "app.txt@" + second.substring(0, 7) + "=v2", "copy.txt@" + copy.substring(0, 7) + "=v1");
        }
    }
}
