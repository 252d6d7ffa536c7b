package dev.holdfast.scanner.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The git binary, run in a repository with a fixed identity and no user or system configuration. */
final class GitCli {
    private final Path dir;

    GitCli(Path dir) {
        this.dir = dir;
    }

    /** Runs git; a non-zero exit fails with git's output unless {@code mayFail}. */
    String run(boolean mayFail, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        env.put("GIT_AUTHOR_NAME", "Alice Example");
        env.put("GIT_AUTHOR_EMAIL", "alice@example.com");
        env.put("GIT_COMMITTER_NAME", "Alice Example");
        env.put("GIT_COMMITTER_EMAIL", "alice@example.com");
        env.remove("GIT_DIR");
        env.remove("GIT_INDEX_FILE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 && !mayFail) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + code + "): " + out);
        }
        return out;
    }

    String run(String... args) throws IOException, InterruptedException {
        return run(false, args);
    }
}
