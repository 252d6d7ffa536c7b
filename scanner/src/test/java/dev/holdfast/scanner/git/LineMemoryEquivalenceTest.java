package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.SecretRule;
import dev.holdfast.scanner.scan.ScanResult;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history scan shows later versions of a file only their changed lines (and the single-line rules read only those):
 * on histories of random edits to files holding every rule's own match examples, that finds exactly what scanning
 * every version whole finds, with the real catalogue (PEM bodies, joined lines and pairs included), however little of
 * the earlier versions the line memory keeps.
 */
class LineMemoryEquivalenceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void changedLinesOnlyFindsWhatWholeVersionsFind(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, List<String>> snippets = new TreeMap<>(); // path -> expanded match examples for that path
        for (SecretRule rule : RuleCatalogue.builtin().rules()) {
            for (int i = 0; i < rule.matchExamples().size(); i++) {
                SecretRule.Example ex = rule.matchExamples().get(i);
                String text = new String(RuleCatalogue.exampleDocument(rule, ex, i, "match").content(),
                        StandardCharsets.UTF_8);
                snippets.computeIfAbsent(ex.path(), p -> new ArrayList<>()).add(text);
            }
        }
        List<String> paths = new ArrayList<>(snippets.keySet());
        // the first version holds every example between filler lines; the commits after it edit at random
        Map<String, List<String>> files = new TreeMap<>();
        snippets.forEach((path, examples) -> {
            List<String> lines = filler(random, 5);
            for (String example : examples) {
                lines.addAll(List.of(example.split("\n", -1)));
                lines.addAll(filler(random, 1 + random.nextInt(8)));
            }
            files.put(path, lines);
        });
        try (TestRepo t = new TestRepo(tmp.resolve("repo-" + seed))) {
            ObjectId parent = null;
            for (int c = 0; c < 60; c++) {
                for (int edits = c == 0 ? 0 : 1 + random.nextInt(12); edits > 0; edits--) {
                    String path = paths.get(random.nextInt(paths.size()));
                    edit(random, files.get(path), snippets.get(path), c);
                }
                Map<String, String> tree = new TreeMap<>();
                files.forEach((p, lines) -> tree.put(p, String.join("\n", lines) + "\n"));
                parent = parent == null ? t.commit("main", tree, "c" + c) : t.commit("main", tree, "c" + c, parent);
            }
            t.flush();

            Detector detector = RuleCatalogue.builtin().detector(v -> false);
            List<Finding> partial = scan(t.dir, detector, HistoryOptions.all());
            List<Finding> whole = scan(t.dir, detector, HistoryOptions.all().withLineMemory(0));
            // a memory that forgets lines as soon as it can: lines that come back are read again, nothing else changes
            List<Finding> forgetful = scan(t.dir, detector, HistoryOptions.all().withLineMemory(1));

            assertThat(partial).isEqualTo(whole);
            assertThat(forgetful).isEqualTo(whole);
            // the histories are varied enough to mean something: many rules, multi-line ones among them
            assertThat(partial.stream().map(Finding::ruleId).distinct().count()).isGreaterThan(100);
            assertThat(partial).anyMatch(f -> f.ruleId().startsWith("private-key-"));
        }
    }

    private static List<Finding> scan(Path dir, Detector detector, HistoryOptions options) throws Exception {
        ScanResult r = new HistoryScanner().scan(dir, detector, HistoryScannerTest.MAKER, options.withThreads(2));
        assertThat(r.partial()).isFalse();
        return r.findings();
    }

    private static List<String> filler(Random random, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("filler " + random.nextInt(1_000) + " line " + i);
        }
        return lines;
    }

    /**
     * One random edit: insert an example (perhaps multi-line), delete, append to, mutate, move or re-head lines, or
     * drop or move a large block.
     */
    private static void edit(Random random, List<String> lines, List<String> examples, int commit) {
        int at = random.nextInt(lines.size() + 1);
        int line = Math.min(at, lines.size() - 1);
        switch (random.nextInt(8)) {
            case 0, 1 -> lines.addAll(at, List.of(examples.get(random.nextInt(examples.size())).split("\n", -1)));
            case 2 -> {
                if (lines.size() > 1) {
                    lines.subList(line, Math.min(lines.size() - 1, line + 1 + random.nextInt(3)) + 1).clear();
                }
            }
            case 3 -> lines.set(line, lines.get(line) + " # edited in " + commit);
            case 4 -> lines.set(line, mutate(random, lines.get(line))); // a secret's value changes: a new secret
            case 5 -> {
                if (lines.size() > 8) { // move a block
                    int from = random.nextInt(lines.size() - 4);
                    List<String> block = new ArrayList<>(lines.subList(from, from + 4));
                    lines.subList(from, from + 4).clear();
                    lines.addAll(random.nextInt(lines.size() + 1), block);
                }
            }
            case 6 -> {
                if (lines.size() > 150) { // drop, or move far, a large block: the walk loses its step
                    int size = 65 + random.nextInt(60);
                    int from = random.nextInt(lines.size() - size);
                    List<String> block = new ArrayList<>(lines.subList(from, from + size));
                    lines.subList(from, from + size).clear();
                    if (random.nextBoolean()) {
                        lines.addAll(random.nextInt(lines.size() + 1), block);
                    }
                }
            }
            default -> lines.set(0, "// $Id: file " + commit + " $");
        }
        if (lines.isEmpty()) {
            lines.add("filler");
        }
    }

    private static String mutate(Random random, String s) {
        List<Integer> alnum = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128) {
                alnum.add(i);
            }
        }
        if (alnum.isEmpty()) {
            return s;
        }
        int i = alnum.get(random.nextInt(alnum.size()));
        char c = s.charAt(i);
        char base = Character.isDigit(c) ? '0' : Character.isUpperCase(c) ? 'A' : 'a';
        int span = Character.isDigit(c) ? 10 : 26;
        char r = (char) (base + (c - base + 1 + random.nextInt(span - 1)) % span); // never c itself
        return s.substring(0, i) + r + s.substring(i + 1);
    }
}
