package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a composite action's steps the way the GitHub runner does: inputs with their defaults, {@code ${{ }}}
 * expressions over {@code inputs}, {@code github}, {@code runner} and {@code steps.*.outputs}, {@code if:}
 * conditions, each {@code run:} step in {@code bash --noprofile --norc -eo pipefail} with its own
 * {@code GITHUB_OUTPUT} file, and {@code outputs} evaluated at the end. Third-party steps must be pinned to a commit;
 * the two the action uses are stood in for: {@code actions/setup-java} checks that the machine's Java is 17 or
 * newer, and {@code actions/cache} restores and (after the job) saves its paths in a local store under its key —
 * except the local Maven repository, which this machine shares with its own builds and which is only checked to be
 * among the cached paths.
 */
final class CompositeActionRunner {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");

    /** What a job run of the action gave. */
    record Job(int exit, Map<String, String> outputs, String log, List<String> ran) {
    }

    private final Path actionDir;
    private final Path cacheStore;
    private final Map<String, String> github;
    private final Map<String, String> runner;

    /**
     * @param cacheStore where the stand-in for actions/cache keeps entries between jobs
     * @param github     the github context (workspace, event_name, event_path, repository, token…)
     * @param runner     the runner context (os, temp)
     */
    CompositeActionRunner(Path actionDir, Path cacheStore, Map<String, String> github, Map<String, String> runner) {
        this.actionDir = actionDir;
        this.cacheStore = cacheStore;
        this.github = github;
        this.runner = runner;
    }

    Job run(Map<String, String> with) throws IOException, InterruptedException {
        JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(actionDir.resolve("action.yml").toFile());
        if (!"composite".equals(action.at("/runs/using").asText())) {
            throw new IllegalStateException("not a composite action");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, Map<String, String>> steps = new HashMap<>();
        action.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(),
                with.containsKey(e.getKey()) ? with.get(e.getKey())
                        : eval(e.getValue().path("default").asText(""), inputs, steps)));
        StringBuilder log = new StringBuilder();
        List<String> ran = new ArrayList<>();
        List<Runnable> post = new ArrayList<>();
        int exit = 0;
        Path summary = Files.createTempFile(Path.of(runner.get("temp")), "summary", ".md");
        for (JsonNode step : action.at("/runs/steps")) {
            String condition = step.path("if").asText("success()");
            if (exit != 0 || !truthy(expression(condition, inputs, steps))) {
                continue;
            }
            String id = step.path("id").asText("step" + ran.size());
            Map<String, String> outputs = new HashMap<>();
            if (step.has("uses")) {
                String uses = step.get("uses").asText();
                if (!PINNED.matcher(uses).matches()) {
                    throw new IllegalStateException("not pinned to a commit: " + uses);
                }
                Map<String, String> args = new HashMap<>();
                step.path("with").fields().forEachRemaining(e -> args.put(e.getKey(),
                        eval(e.getValue().asText(), inputs, steps)));
                exit = uses(uses.substring(0, uses.indexOf('@')), args, outputs, post, log);
                ran.add(uses.substring(0, uses.indexOf('@')));
            } else {
                exit = bash(step, inputs, steps, outputs, summary, log);
                ran.add("run:" + id);
            }
            steps.put(id, outputs);
        }
        post.forEach(Runnable::run);
        Map<String, String> outputs = new LinkedHashMap<>();
        action.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(),
                eval(e.getValue().path("value").asText(""), inputs, steps)));
        return new Job(exit, outputs, log.toString(), ran);
    }

    private int bash(JsonNode step, Map<String, String> inputs, Map<String, Map<String, String>> steps,
                     Map<String, String> outputs, Path summary, StringBuilder log)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(Path.of(runner.get("temp")), "step", ".sh");
        Files.writeString(script, eval(step.get("run").asText(), inputs, steps));
        Path out = Files.createTempFile(Path.of(runner.get("temp")), "output", ".txt");
        String dir = step.has("working-directory") ? eval(step.get("working-directory").asText(), inputs, steps)
                : github.get("workspace");
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                .directory(Path.of(dir).toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_") || k.startsWith("RUNNER_"));
        env.put("GITHUB_ACTION_PATH", actionDir.toString());
        env.put("GITHUB_WORKSPACE", github.get("workspace"));
        env.put("GITHUB_EVENT_NAME", github.get("event_name"));
        env.put("GITHUB_EVENT_PATH", github.get("event_path"));
        env.put("GITHUB_REPOSITORY", github.get("repository"));
        env.put("GITHUB_OUTPUT", out.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("RUNNER_OS", runner.get("os"));
        env.put("RUNNER_TEMP", runner.get("temp"));
        step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), eval(e.getValue().asText(), inputs,
                steps)));
        Process p = pb.start();
        log.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("step did not finish: " + step);
        }
        outputs.putAll(readOutputs(out));
        return p.exitValue();
    }

    /** GITHUB_OUTPUT lines: name=value, or name&lt;&lt;DELIMITER … DELIMITER. */
    private static Map<String, String> readOutputs(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int heredoc = l.indexOf("<<");
            int eq = l.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = l.substring(heredoc + 2);
                StringBuilder v = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).equals(delimiter)) {
                    v.append(v.length() == 0 ? "" : "\n").append(lines.get(i));
                }
                out.put(l.substring(0, heredoc), v.toString());
            } else if (eq > 0) {
                out.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return out;
    }

    private int uses(String action, Map<String, String> with, Map<String, String> outputs, List<Runnable> post,
                     StringBuilder log) throws IOException, InterruptedException {
        switch (action) {
            case "actions/setup-java" -> {
                Process p = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
                String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                Matcher m = Pattern.compile("version \"(\\d+)").matcher(version);
                if (!m.find() || Integer.parseInt(m.group(1)) < Integer.parseInt(with.get("java-version"))) {
                    log.append("setup-java: this machine's Java is not ").append(with.get("java-version")).append('\n');
                    return 1;
                }
                return 0;
            }
            case "actions/cache" -> {
                return cache(with, outputs, post, log);
            }
            default -> throw new IllegalStateException("no stand-in for " + action);
        }
    }

    private int cache(Map<String, String> with, Map<String, String> outputs, List<Runnable> post,
                      StringBuilder log) throws IOException {
        String key = with.get("key");
        List<Path> paths = new ArrayList<>();
        boolean mavenRepository = false;
        for (String line : with.get("path").split("\n")) {
            String p = line.strip();
            if (p.equals("~/.m2/repository")) {
                mavenRepository = true;
            } else if (!p.isEmpty()) {
                paths.add(Path.of(p));
            }
        }
        if (!mavenRepository) {
            throw new IllegalStateException("the local Maven repository is not cached");
        }
        Path entry = cacheStore.resolve(key);
        boolean hit = Files.isDirectory(entry);
        if (hit) {
            restore(entry, paths);
        } else if (with.containsKey("restore-keys")) {
            try (Stream<Path> entries = Files.list(cacheStore)) {
                Path partial = entries.filter(e -> e.getFileName().toString().startsWith(with.get("restore-keys")))
                        .findFirst().orElse(null);
                if (partial != null) {
                    restore(partial, paths);
                }
            }
        }
        log.append("cache: ").append(hit ? "hit " : "miss ").append(key).append('\n');
        outputs.put("cache-hit", String.valueOf(hit));
        if (!hit) {
            post.add(() -> save(entry, paths));
        }
        return 0;
    }

    private static void restore(Path entry, List<Path> paths) throws IOException {
        for (int i = 0; i < paths.size(); i++) {
            copy(entry.resolve(String.valueOf(i)), paths.get(i));
        }
    }

    private static void save(Path entry, List<Path> paths) {
        try {
            for (int i = 0; i < paths.size(); i++) {
                if (Files.exists(paths.get(i))) {
                    copy(paths.get(i), entry.resolve(String.valueOf(i)));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private String eval(String text, Map<String, String> inputs, Map<String, Map<String, String>> steps) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(expression(m.group(1), inputs, steps)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The expression language as far as the action uses it: ==, !=, &&, ||, !, 'strings', contexts, success(). */
    private String expression(String expr, Map<String, String> inputs, Map<String, Map<String, String>> steps) {
        String e = expr.strip();
        if (e.startsWith("${{") && e.endsWith("}}")) {
            e = e.substring(3, e.length() - 2).strip();
        }
        int or = e.indexOf("||");
        if (or > 0) {
            return String.valueOf(truthy(expression(e.substring(0, or), inputs, steps))
                    || truthy(expression(e.substring(or + 2), inputs, steps)));
        }
        int and = e.indexOf("&&");
        if (and > 0) {
            return String.valueOf(truthy(expression(e.substring(0, and), inputs, steps))
                    && truthy(expression(e.substring(and + 2), inputs, steps)));
        }
        for (String op : List.of("==", "!=")) {
            int at = e.indexOf(op);
            if (at > 0) {
                boolean same = expression(e.substring(0, at), inputs, steps)
                        .equals(expression(e.substring(at + 2), inputs, steps));
                return String.valueOf(op.equals("==") == same);
            }
        }
        if (e.startsWith("!")) {
            return String.valueOf(!truthy(expression(e.substring(1), inputs, steps)));
        }
        if (e.startsWith("'") && e.endsWith("'")) {
            return e.substring(1, e.length() - 1);
        }
        if (e.equals("success()") || e.equals("always()")) {
            return "true";
        }
        String[] parts = e.split("\\.");
        return switch (parts[0]) {
            case "inputs" -> inputs.getOrDefault(parts[1], "");
            case "github" -> github.getOrDefault(parts[1], "");
            case "runner" -> runner.getOrDefault(parts[1], "");
            case "steps" -> steps.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
            default -> throw new IllegalStateException("unsupported expression: " + expr);
        };
    }

    private static boolean truthy(String v) {
        return !v.isEmpty() && !v.equals("false") && !v.equals("0");
    }
}
