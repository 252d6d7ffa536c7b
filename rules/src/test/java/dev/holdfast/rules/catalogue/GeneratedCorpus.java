package dev.holdfast.rules.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders corpus/corpus.yml into documents: every planted entry and every decoy in every format, one per line, each
 * line labelled. Values are expanded with a seeded generator, so the corpus is the same on every run and nothing
 * secret-shaped is committed.
 */
final class GeneratedCorpus {
    /** One rendered line: where it is and whether it holds a planted secret. */
    record Line(String path, int line, boolean planted, String label) {
    }

    final Map<String, StringBuilder> files = new LinkedHashMap<>();
    final List<Line> lines = new ArrayList<>();

    @SuppressWarnings("unchecked")
    static GeneratedCorpus load(long seed) {
        Map<String, Object> data;
        try (InputStream in = GeneratedCorpus.class.getResourceAsStream("corpus/corpus.yml")) {
            data = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GeneratedCorpus c = new GeneratedCorpus();
        ExampleExpander gen = new ExampleExpander(seed);
        List<Map<String, String>> formats = (List<Map<String, String>>) data.get("formats");
        for (Map<String, String> f : formats) {
            c.render(f, (List<Map<String, Object>>) data.get("planted"), true, gen);
            c.render(f, (List<Map<String, Object>>) data.get("decoys"), false, gen);
        }
        for (Map<String, String> d : (List<Map<String, String>>) data.get("plantedFiles")) {
            StringBuilder text = new StringBuilder();
            int n = 0;
            for (String l : gen.expand(d.get("text")).split("\n")) {
                n++;
                boolean planted = l.startsWith("!P");
                text.append(planted ? l.substring(2) : l).append('\n');
                if (planted) {
                    c.lines.add(new Line(d.get("path"), n, true, d.get("path") + ":" + n));
                }
            }
            c.files.put(d.get("path"), text);
        }
        for (Map<String, String> d : (List<Map<String, String>>) data.get("decoyFiles")) {
            String text = gen.expand(d.get("text"));
            int n = 0;
            for (String l : text.split("\n")) {
                n++;
                if (!l.isBlank()) {
                    c.lines.add(new Line(d.get("path"), n, false, d.get("path") + ":" + n));
                }
            }
            c.files.put(d.get("path"), new StringBuilder(text));
        }
        return c;
    }

    private void render(Map<String, String> format, List<Map<String, Object>> entries, boolean planted,
                        ExampleExpander gen) {
        // Planted and decoy lines of a format go to separate files so that one never lends context to the other.
        String path = format.get("path").replaceFirst("(\\.[^./]*)?$", (planted ? "-planted" : "-decoy") + "$1");
        if (format.get("path").endsWith("Dockerfile") || !format.get("path").contains(".")) {
            path = format.get("path") + (planted ? "-planted" : "-decoy");
        }
        StringBuilder text = files.computeIfAbsent(path, p -> new StringBuilder());
        for (Map<String, Object> e : entries) {
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) e.get("words");
            String value = gen.expand((String) e.get("value"));
            String line = format.get("line")
                    .replace("{UPPER}", String.join("_", words).toUpperCase(Locale.ROOT))
                    .replace("{snake}", String.join("_", words))
                    .replace("{dotted}", String.join(".", words))
                    .replace("{camel}", camel(words, false))
                    .replace("{pascal}", camel(words, true))
                    .replace("{value}", value);
            text.append(line).append('\n');
            int n = (int) text.chars().filter(ch -> ch == '\n').count();
            lines.add(new Line(path, n, planted, format.get("name") + " " + String.join("_", words) + " "
                    + (planted ? "planted" : "decoy " + e.get("value"))));
        }
    }

    List<Document> documents() {
        List<Document> docs = new ArrayList<>();
        files.forEach((p, t) -> docs.add(new Document(p, t.toString().getBytes(StandardCharsets.UTF_8))));
        return docs;
    }

    private static String camel(List<String> words, boolean upperFirst) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            s.append(i == 0 && !upperFirst ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return s.toString();
    }
}
