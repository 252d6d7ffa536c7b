package dev.holdfast.cli.hooks;

import dev.holdfast.scanner.scenario.SecretGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A place for real repositories driven by the git binary, with holdfast started by the hooks as a real process
 * ({@code java -cp <test classpath> dev.holdfast.cli.Main}, the way {@code --launcher} allows). Secrets are generated
 * at run time.
 */
final class Sandbox {
    /** What a process printed and how it ended. */
    record Ran(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Path dir;
    final SecretGenerator secrets = new SecretGenerator(1818L);
    private final Path home;

    Sandbox(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectories(dir.resolve("home"));
    }

    /** How the installed hooks start holdfast in tests: this JVM's java and classpath. */
    static String launcher() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -Xshare:auto -XX:TieredStopAtLevel=1 "
                + "-XX:+UseSerialGC -cp " + System.getProperty("java.class.path") + " dev.holdfast.cli.Main";
    }

    String awsKey() {
        return secrets.generate("aws-access-key-id");
    }

    String githubToken() {
        return secrets.generate("github-token");
    }

    /** A fresh repository (main branch, a first commit) at dir/name. */
    Path repo(String name) throws Exception {
        Path r = Files.createDirectories(dir.resolve(name));
        git(r, "init", "-q", "-b", "main");
        Files.writeString(r.resolve("README.md"), "# " + name + "\n");
        git(r, "add", "-A");
        git(r, "commit", "-q", "-m", "first");
        return r;
    }

    /** Writes a file (creating its folders) and stages it. */
    void stage(Path repo, String path, String content) throws Exception {
        Path f = repo.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        git(repo, "add", path);
    }

    /** Writes, stages and commits a file; returns the new commit's id. */
    String commitFile(Path repo, String path, String content, String message) throws Exception {
        stage(repo, path, content);
        git(repo, "commit", "-q", "-m", message);
        return git(repo, "rev-parse", "HEAD").out().strip();
    }

    Ran git(Path in, String... args) throws Exception {
        return run(in, null, null, prepend("git", args));
    }

    Ran gitMayFail(Path in, String... args) throws Exception {
        return run(in, null, null, true, prepend("git", args));
    }

    Ran run(Path in, Map<String, String> extraEnv, String stdin, String... cmd) throws Exception {
        return run(in, extraEnv, stdin, false, cmd);
    }

    Ran run(Path in, Map<String, String> extraEnv, String stdin, boolean mayFail, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(in.toFile());
        Map<String, String> env = pb.environment();
        for (String k : List.copyOf(env.keySet())) {
            if (k.startsWith("GIT_") || k.equals("CLAUDECODE") || k.startsWith("CLAUDE_CODE") || k.equals("AI_AGENT")
                    || k.equals("AGENT") || k.startsWith("CODEX_") || k.equals("GEMINI_CLI")
                    || k.equals("CURSOR_AGENT") || k.startsWith("HOLDFAST_")) {
                env.remove(k);
            }
        }
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Alice Example");
        env.put("GIT_AUTHOR_EMAIL", "alice@example.com");
        env.put("GIT_COMMITTER_NAME", "Alice Example");
        env.put("GIT_COMMITTER_EMAIL", "alice@example.com");
        if (extraEnv != null) {
            env.putAll(extraEnv);
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) { // hang guard
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " hung");
        }
        Ran r = new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        if (r.exit() != 0 && !mayFail) {
            throw new IllegalStateException(String.join(" ", cmd).replace(System.getProperty("java.class.path"), "…")
                    + " failed (" + r.exit() + "): " + r.all());
        }
        return r;
    }

    /** Every file under a folder with its bytes and permissions: to compare a state before and after. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.put(rel + "/", "dir");
                } else {
                    out.put(rel, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p))) + " " + java.nio.file.attribute.PosixFilePermissions
                            .toString(Files.getPosixFilePermissions(p)));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String[] prepend(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
