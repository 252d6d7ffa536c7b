package dev.holdfast.scanner.git;

import dev.holdfast.scanner.scan.Sanitize;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches objects by id with the git command line, from the remote the clone came from. Git rather than JGit because
 * it is what {@code actions/checkout} configured (credentials in {@code http.extraheader}, the partial clone's
 * filter) and because only git speaks the partial-clone protocol that hands out single blobs.
 */
public final class GitFetcher implements ObjectFetcher {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path gitDir;
    private final String remote;

    public GitFetcher(Path gitDir, String remote) {
        this.gitDir = gitDir;
        this.remote = remote;
    }

    /** Fetches from {@code origin}, or the only remote; none when the repository has no remote. */
    public static ObjectFetcher forRepository(Repository repo) {
        var remotes = repo.getConfig().getSubsections("remote");
        String name = remotes.contains("origin") ? "origin" : remotes.size() == 1 ? remotes.iterator().next() : null;
        return name == null ? ObjectFetcher.NONE : new GitFetcher(repo.getDirectory().toPath(), name);
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public Outcome fetchCommits(Collection<? extends AnyObjectId> ids) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                "--recurse-submodules=no", remote));
        ids.forEach(id -> args.add(id.name()));
        return git(args, null);
    }

    @Override
    public Outcome fetchBlobs(Collection<? extends AnyObjectId> ids) throws IOException {
        // What git itself runs when a partial clone needs objects (promisor-remote.c): ids on stdin, no negotiation.
        StringBuilder in = new StringBuilder();
        ids.forEach(id -> in.append(id.name()).append('\n'));
        return git(List.of("-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", remote, "--no-tags",
                "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin"), in.toString());
    }

    @Override
    public Outcome fetchMissingBlobs(Collection<String> revisions, Collection<String> paths) throws IOException {
        List<String> args = new ArrayList<>(List.of("rev-list", "--objects", "--missing=print"));
        args.addAll(revisions);
        if (!paths.isEmpty()) {
            args.add("--");
            args.addAll(paths);
        }
        Run listed = run(args, null);
        if (listed.exit() != 0) {
            return new Outcome(false, "git rev-list failed: " + listed.lastLine());
        }
        List<ObjectId> missing = new ArrayList<>();
        for (String line : listed.output().split("\n")) {
            if (line.startsWith("?") && ObjectId.isId(line.substring(1).strip())) {
                missing.add(ObjectId.fromString(line.substring(1).strip()));
            }
        }
        return missing.isEmpty() ? new Outcome(true, null) : fetchBlobs(missing);
    }

    private Outcome git(List<String> args, String stdin) throws IOException {
        Run r = run(args, stdin);
        if (r.exit() == 0) {
            return new Outcome(true, null);
        }
        return new Outcome(false, r.exit() < 0 ? r.lastLine()
                : "git fetch from " + remote + " failed: " + r.lastLine());
    }

    /** A finished git command: exit code (negative when it could not run or timed out) and what it printed. */
    private record Run(int exit, String output) {
        String lastLine() {
            String s = output.strip();
            return s.isEmpty() ? "exit " + exit : Sanitize.oneLine(s.lines().reduce((a, b) -> b).orElse(s));
        }
    }

    private Run run(List<String> args, String stdin) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        cmd.addAll(args);
        Path log = Files.createTempFile("holdfast-git", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password nobody will type
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Run(-1, "cannot run git: " + e.getMessage());
            }
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin.getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "git " + args.get(0) + " (remote " + remote + ") did not finish in "
                        + TIMEOUT.toMinutes() + " minutes");
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git " + args.get(0), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
