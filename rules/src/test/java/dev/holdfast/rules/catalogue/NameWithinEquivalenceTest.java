package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nameWithin} is a speed hint: a keyword rule that declares it is tried only near the words its key must hold.
 * It must find what a search of the whole line finds, and nothing else: the same detections, on every rule's examples
 * and on real text (this repository's own sources, rule files, fixtures and documentation).
 */
class NameWithinEquivalenceTest {
    private static final Set<String> TEXT = Set.of("java", "yml", "yaml", "xml", "properties", "json", "md", "sh",
            "py", "tf", "env", "txt", "toml", "ini", "cfg", "conf", "html", "js", "ts");

    @Test
    void aRuleTriedOnlyNearItsKeyWordsFindsWhatASearchOfTheWholeLineFinds() throws Exception {
        List<SecretRule> rules = RuleCatalogue.builtin().rules();
        Set<String> hinted = rules.stream().filter(r -> r.nameWithin() >= 0).map(SecretRule::id)
                .collect(Collectors.toSet());
        assertThat(hinted).contains("generic-secret-quoted", "generic-password-quoted", "generic-secret-xml-element",
                "generic-password-xml-element");
        List<SecretRule> unhinted = new ArrayList<>();
        for (SecretRule r : rules) {
            unhinted.add(r.nameWithin() >= 0 ? withoutHint(r) : r);
        }
        SecretDetector withHints = new SecretDetector(rules, NoiseFilter.builtin(), v -> false);
        SecretDetector wholeLine = new SecretDetector(unhinted, NoiseFilter.builtin(), v -> false);

        List<Document> corpus = new ArrayList<>();
        for (SecretRule rule : rules) {
            for (int i = 0; i < rule.matchExamples().size(); i++) {
                corpus.add(RuleCatalogue.exampleDocument(rule, rule.matchExamples().get(i), i, "match"));
            }
            for (int i = 0; i < rule.noMatchExamples().size(); i++) {
                corpus.add(RuleCatalogue.exampleDocument(rule, rule.noMatchExamples().get(i), i, "noMatch"));
            }
        }
        corpus.add(minifiedLine());
        int examples = corpus.size();
        corpus.addAll(repositoryFiles());
        assertThat(corpus.size() - examples).as("files of the repository read").isGreaterThan(500);

        int byHintedRules = 0;
        for (Document d : corpus) {
            List<Detection> expected = wholeLine.detect(d);
            assertThat(withHints.detect(d)).as(d.path()).isEqualTo(expected);
            byHintedRules += (int) expected.stream().filter(x -> hinted.contains(x.ruleId())).count();
        }
        assertThat(byHintedRules).as("detections by the hinted rules in the corpus").isGreaterThan(20);
    }

    /**
     * A generated line (minified text) where a search of the whole line meets its match limit on names that hold no
     * key word before it reaches one that does: the hinted rule must stop there too, not report what lies past it.
     */
    private static Document minifiedLine() {
        java.util.Random random = new java.util.Random(7);
        StringBuilder value = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 32; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String line = "x='abcdefgh';".repeat(80) + "api_key='" + value + "';\n";
        return new Document("dist/bundle.min.js", line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The text files of this repository (the module's parent), build output and benchmark work left out. */
    private static List<Document> repositoryFiles() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Document> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                String name = f.getFileName().toString();
                String ext = name.substring(name.lastIndexOf('.') + 1);
                if (rel.startsWith(".git/") || rel.contains("/target/") || rel.startsWith("bench/work/")
                        || rel.contains("node_modules/") || !TEXT.contains(ext) || Files.size(f) > 1_000_000) {
                    continue;
                }
                out.add(new Document(rel, Files.readAllBytes(f)));
            }
        }
        return out;
    }

    /** The same rule without its hint: every component copied but {@code nameWithin}. */
    private static SecretRule withoutHint(SecretRule rule) throws ReflectiveOperationException {
        RecordComponent[] components = SecretRule.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = components[i].getName().equals("nameWithin") ? -1 : components[i].getAccessor().invoke(rule);
        }
        return SecretRule.class.getDeclaredConstructor(types).newInstance(args);
    }
}
