package dev.holdfast.cli.fidelity;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.SharedDetectorCli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/fix-fidelity.sh}: generates the cases (every scenario kind for every format, {@code --rounds} times
 * from {@code --seed}), writes them under {@code --out}, runs each through the real CLI ({@code --jar}: the jar in a
 * child process per command, as a user runs it; without it, in-process) and prints, side by side, the share of
 * branches equal to the expected bytes and how many did damage, for Holdfast, for another Holdfast jar
 * ({@code --compare}, e.g. the previous release) and for a plain 3-way merge of the fix ({@code git merge-file},
 * what a cherry-pick does).
 */
public final class FidelityBench {
    private FidelityBench() {
    }

    public static void main(String[] args) throws Exception {
        long seed = CaseGenerator.DEFAULT_SEED;
        int rounds = 1;
        Path out = Path.of("bench/work/fidelity");
        String jar = null;
        String compare = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = args[++i];
                case "--compare" -> compare = args[++i];
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<FidelityCase> cases = CaseGenerator.generate(seed, rounds);
        if (only != null) {
            String filter = only;
            cases = cases.stream().filter(c -> c.name().contains(filter)).toList();
        }
        deleteTree(out);
        CaseGenerator.write(cases, out.resolve("cases"));
        CaseRunner.Cli cli = jar == null ? FidelityBench::inProcess : child(jar);
        Map<CaseRunner.Verdict, Integer> holdfast = new TreeMap<>();
        Map<CaseRunner.Verdict, Integer> merge = new TreeMap<>();
        Map<CaseRunner.Verdict, Integer> other = new TreeMap<>();
        CaseRunner.Cli otherCli = compare == null ? null : child(compare);
        Map<String, int[]> byKind = new TreeMap<>();
        Map<String, int[]> byFormat = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (FidelityCase c : cases) {
            CaseRunner.Outcome o = CaseRunner.run(c, out.resolve("repos").resolve(c.name()), cli, seed);
            CaseRunner.Verdict m = MergeFloor.judge(c, seed);
            if (otherCli != null) {
                other.merge(CaseRunner.run(c, out.resolve("compare").resolve(c.name()), otherCli, seed).verdict(), 1,
                        Integer::sum);
            }
            holdfast.merge(o.verdict(), 1, Integer::sum);
            merge.merge(m, 1, Integer::sum);
            int exact = o.verdict() == CaseRunner.Verdict.EXACT ? 1 : 0;
            byKind.computeIfAbsent(c.kind(), k -> new int[2])[0] += exact;
            byKind.get(c.kind())[1]++;
            byFormat.computeIfAbsent(c.format(), k -> new int[2])[0] += exact;
            byFormat.get(c.format())[1]++;
            System.out.printf("%-44s %-9s %-9s %s%n", c.name(), o.verdict(), m,
                    o.verdict() == CaseRunner.Verdict.EXACT ? "" : o.detail());
            if (o.verdict() != CaseRunner.Verdict.EXACT) {
                misses.add(c.name() + ": " + o.detail());
            }
        }
        int n = cases.size();
        System.out.println();
        table("kind", byKind);
        table("format", byFormat);
        System.out.printf("%n%d cases (seed %d, %d round%s), %s%n", n, seed, rounds, rounds == 1 ? "" : "s",
                jar == null ? "in-process CLI" : "CLI jar " + jar);
        System.out.printf("%-28s %6s %9s %9s %9s%n", "", "exact", "different", "damaging", "no change");
        row("holdfast fix", holdfast, n);
        if (compare != null) {
            row("holdfast fix (" + Path.of(compare).getFileName() + ", compared)", other, n);
        }
        row("3-way merge (cherry-pick)", merge, n);
        System.out.printf("%nholdfast: %.1f%% exact (%d of %d), %d damaging; 3-way merge alone: %.1f%% exact,"
                        + " %d damaging%n", pct(holdfast, CaseRunner.Verdict.EXACT, n), count(holdfast,
                        CaseRunner.Verdict.EXACT), n, count(holdfast, CaseRunner.Verdict.DAMAGING),
                pct(merge, CaseRunner.Verdict.EXACT, n), count(merge, CaseRunner.Verdict.DAMAGING));
        Files.write(out.resolve("misses.txt"), misses, StandardCharsets.UTF_8);
    }

    private static void table(String what, Map<String, int[]> rows) {
        System.out.printf("%-22s %s%n", what, "exact");
        rows.forEach((k, v) -> System.out.printf("  %-20s %d/%d%n", k, v[0], v[1]));
    }

    private static void row(String name, Map<CaseRunner.Verdict, Integer> v, int n) {
        System.out.printf("%-28s %5.1f%% %9d %9d %9d%n", name, pct(v, CaseRunner.Verdict.EXACT, n),
                count(v, CaseRunner.Verdict.DIFFERENT), count(v, CaseRunner.Verdict.DAMAGING),
                count(v, CaseRunner.Verdict.NO_CHANGE));
    }

    private static int count(Map<CaseRunner.Verdict, Integer> v, CaseRunner.Verdict k) {
        return v.getOrDefault(k, 0);
    }

    private static double pct(Map<CaseRunner.Verdict, Integer> v, CaseRunner.Verdict k, int n) {
        return n == 0 ? 0 : 100.0 * count(v, k) / n;
    }

    private static CaseRunner.Result inProcess(Path repo, String command) {
        CliRunner.Run r = SharedDetectorCli.run(command, repo);
        return new CaseRunner.Result(r.exit(), r.out(), r.err());
    }

    /**
     * The jar in a child JVM per command, with the wrapper's JVM flags (quick JIT, serial collector, and its class-data
     * archive when there is one next to the jar).
     */
    private static CaseRunner.Cli child(String jar) {
        Path jsa = Path.of(jar).resolveSibling("holdfast.jsa");
        return (repo, command) -> {
            List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            if (Files.exists(jsa)) {
                cmd.addAll(List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off"));
            }
            cmd.addAll(List.of("-jar", jar, command, repo.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] outBytes = p.getInputStream().readAllBytes();
            byte[] errBytes = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("holdfast " + command + " did not finish");
            }
            return new CaseRunner.Result(p.exitValue(), new String(outBytes, StandardCharsets.UTF_8),
                    new String(errBytes, StandardCharsets.UTF_8));
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
