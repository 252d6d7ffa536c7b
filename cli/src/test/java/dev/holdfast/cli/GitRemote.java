package dev.holdfast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bare remote as GitHub keeps one — it serves commits by id even when no ref reaches them any more
 * ({@code uploadpack.allowAnySHA1InWant}) and hands out single blobs to partial clones ({@code uploadpack.allowFilter})
 * — a developer clone that pushes to it, and fresh {@code git clone --no-local} clones as a CI runner makes them,
 * all with the real git.
 */
final class GitRemote {
    final Path remote;
    final Path dev;
    private final Path root;

    GitRemote(Path root) throws IOException {
        this.root = root;
        this.remote = root.resolve("remote.git");
        this.dev = root.resolve("dev");
        git(root, "init", "-q", "--bare", "-b", "main", remote.toString());
        git(remote, "config", "uploadpack.allowAnySHA1InWant", "true");
        git(remote, "config", "uploadpack.allowFilter", "true");
        git(root, "clone", "-q", remote.toString(), dev.toString());
        git(dev, "config", "user.name", "Dev");
        git(dev, "config", "user.email", "dev@example.com");
        git(dev, "config", "commit.gpgsign", "false");
        git(dev, "config", "tag.gpgsign", "false");
        git(dev, "checkout", "-q", "-B", "main");
    }

    /** Writes the files (path, content, path, content…) in the developer clone and commits them; returns the id. */
    String commit(String author, String message, String... pathThenContent) throws IOException {
        for (int i = 0; i < pathThenContent.length; i += 2) {
            Path p = dev.resolve(pathThenContent[i]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, pathThenContent[i + 1], StandardCharsets.UTF_8);
        }
        git(dev, "add", "-A");
        git(dev, "commit", "-q", "--allow-empty", "--author", author, "-m", message);
        return head();
    }

    String head() throws IOException {
        return git(dev, "rev-parse", "HEAD").strip();
    }

    void push(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("push", "-q", "origin"));
        a.addAll(List.of(args));
        git(dev, a.toArray(String[]::new));
    }

    /**
     * A fresh clone of the remote as a runner checks it out: {@code git clone --no-local} with the given options, then
     * the pushed branch (or commit) checked out.
     */
    Path ciClone(String name, String checkout, String... options) throws IOException {
        Path dir = root.resolve(name);
        List<String> a = new ArrayList<>(List.of("clone", "-q", "--no-local"));
        a.addAll(List.of(options));
        a.add(remote.toString());
        a.add(dir.toString());
        git(root, a.toArray(String[]::new));
        git(dir, "checkout", "-q", "--detach", checkout);
        return dir;
    }

    /** The event payload template {@code /events/NAME.json} with its placeholders filled, written to a file. */
    Path event(String name, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = GitRemote.class.getResourceAsStream("/events/" + name + ".json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        Path file = Files.createTempFile(root, name + "-", ".json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The objects a partial clone lacks, listed without fetching them (cat-file would fetch on demand). */
    static List<String> missing(Path repo) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : git(repo, "rev-list", "--objects", "--all", "--missing=print").split("\n")) {
            if (line.startsWith("?")) {
                out.add(line.substring(1).strip());
            }
        }
        return out;
    }

    static boolean has(Path repo, String object) throws IOException {
        return run(repo, "cat-file", "-e", object).exit() == 0;
    }

    static String git(Path dir, String... args) throws IOException {
        Result r = run(dir, args);
        if (r.exit() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + r.output());
        }
        return r.output();
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "protocol.file.allow=always"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out);
    }
}
