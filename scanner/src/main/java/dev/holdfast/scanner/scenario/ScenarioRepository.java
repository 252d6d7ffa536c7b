package dev.holdfast.scanner.scenario;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a git repository from a {@link Scenario} with JGit: fixed authors and dates, secrets generated at run
 * time. Steps with an {@code action} call back into the caller (e.g. to run {@code holdfast baseline}) and commit
 * whatever the action changed.
 */
public final class ScenarioRepository {
    private static final Pattern PERSON = Pattern.compile("\\s*(.*?)\\s*<([^>]*)>\\s*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    /** Runs a named step action in the repository's working tree. */
    @FunctionalInterface
    public interface Action {
        void run(Path workTree, Scenario.Step step) throws Exception;
    }

    /** The built repository: step id → commit id, and the generated secrets (in memory only; never print them). */
    public record Built(Path dir, Map<String, String> commits, Map<String, String> secrets) {
        public String commit(String stepId) {
            String c = commits.get(stepId);
            if (c == null) {
                throw new IllegalArgumentException("no step '" + stepId + "' in the scenario");
            }
            return c;
        }
    }

    private final Scenario scenario;
    private final Map<String, String> secrets;

    public ScenarioRepository(Scenario scenario, SecretGenerator generator) {
        this.scenario = scenario;
        Map<String, String> s = new TreeMap<>();
        new TreeMap<>(scenario.secrets()).forEach((name, kind) -> s.put(name, generator.generate(kind)));
        this.secrets = Collections.unmodifiableMap(s);
    }

    /** Builds every step into a new repository at {@code dir} (created; must be empty or absent). */
    public Built build(Path dir, Map<String, Action> actions) throws IOException {
        return buildUntil(dir, actions, null);
    }

    /** Builds the steps up to and including {@code lastStep} (null = all). */
    public Built buildUntil(Path dir, Map<String, Action> actions, String lastStep) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> commits = new LinkedHashMap<>();
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (Scenario.Step step : scenario.steps()) {
                commits.put(step.id(), apply(git, dir, step, actions).getId().name());
                if (step.id().equals(lastStep)) {
                    break;
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot build scenario '" + scenario.name() + "': " + e.getMessage(), e);
        }
        return new Built(dir, Collections.unmodifiableMap(commits), secrets);
    }

    /** Applies one more step to an already built repository (e.g. a test editing the tree after the story). */
    public String applyStep(Path dir, Scenario.Step step, Map<String, Action> actions) throws IOException {
        try (Git git = Git.open(dir.toFile())) {
            return apply(git, dir, step, actions).getId().name();
        } catch (GitAPIException e) {
            throw new IOException("cannot apply step '" + step.id() + "': " + e.getMessage(), e);
        }
    }

    private RevCommit apply(Git git, Path dir, Scenario.Step step, Map<String, Action> actions)
            throws IOException, GitAPIException {
        if (step.branch() != null) {
            boolean exists = git.getRepository().findRef(Constants.R_HEADS + step.branch()) != null;
            git.checkout().setName(step.branch()).setCreateBranch(!exists).call();
        }
        if (step.merge() != null) {
            MergeResult m = git.merge().include(git.getRepository().resolve(Constants.R_HEADS + step.merge()))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setCommit(false).call();
            if (!m.getMergeStatus().isSuccessful()) {
                throw new IOException("step '" + step.id() + "': merging " + step.merge() + " failed: "
                        + m.getMergeStatus());
            }
        }
        if (step.action() != null) {
            Action a = actions.get(step.action());
            if (a == null) {
                throw new IOException("step '" + step.id() + "' needs action '" + step.action() + "'");
            }
            try {
                a.run(dir, step);
            } catch (IOException | GitAPIException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("action '" + step.action() + "' failed: " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, String> r : step.rename().entrySet()) {
            Path to = dir.resolve(r.getValue());
            Files.createDirectories(to.getParent());
            Files.move(dir.resolve(r.getKey()), to);
        }
        for (String gone : step.remove()) {
            Files.deleteIfExists(dir.resolve(gone));
        }
        for (Map.Entry<String, String> w : step.write().entrySet()) {
            Path p = dir.resolve(w.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, expand(w.getValue()), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> ins : step.insertLines().entrySet()) {
            Path p = dir.resolve(ins.getKey());
            Files.writeString(p, expand(ins.getValue()) + Files.readString(p, StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent author = person(step.author(), step.date());
        PersonIdent committer = step.committer() == null ? author : person(step.committer(), step.date());
        String message = step.message() == null ? step.id() : step.message();
        if (!step.trailers().isEmpty()) {
            message = message.strip() + "\n\n" + String.join("\n", step.trailers()) + "\n";
        }
        return git.commit().setAuthor(author).setCommitter(committer).setMessage(message).setSign(false)
                .setAllowEmpty(true).call();
    }

    /** Replaces every {@code {{NAME}}} with the generated secret NAME. */
    public String expand(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = secrets.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("placeholder {{" + m.group(1) + "}} has no secret in the scenario");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    private static PersonIdent person(String spec, String date) {
        Matcher m = PERSON.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("person must be 'Name <email>', got '" + spec + "'");
        }
        return new PersonIdent(m.group(1), m.group(2), Instant.parse(date), ZoneOffset.UTC);
    }
}
