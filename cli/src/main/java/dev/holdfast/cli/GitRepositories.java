package dev.holdfast.cli;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the repository a hook runs in the way git itself would: {@code GIT_DIR} and {@code GIT_INDEX_FILE} from the
 * environment win (git points a pre-commit hook at a temporary index for {@code commit -a} and {@code commit FILE}),
 * else the repository found from the directory upwards.
 */
final class GitRepositories {
    private GitRepositories() {
    }

    /**
     * @throws IllegalArgumentException {@code dir} is in no git repository (one line)
     * @throws IOException              the repository cannot be read
     */
    static Repository open(Path dir, Map<String, String> env) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder();
        String gitDir = env.get("GIT_DIR");
        if (gitDir != null && !gitDir.isBlank()) {
            b.setGitDir(resolve(dir, gitDir));
            String workTree = env.get("GIT_WORK_TREE");
            b.setWorkTree(workTree != null && !workTree.isBlank() ? resolve(dir, workTree) : dir.toFile());
        } else {
            b.findGitDir(dir.toFile());
            if (b.getGitDir() == null) {
                throw new IllegalArgumentException(dir + " is not in a git repository");
            }
        }
        String index = env.get("GIT_INDEX_FILE");
        if (index != null && !index.isBlank()) {
            b.setIndexFile(resolve(dir, index));
        }
        return b.setMustExist(true).build();
    }

    private static File resolve(Path dir, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : dir.resolve(p)).toFile();
    }
}
