package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small regex detector standing in for the real ones in library tests; its rules are data (test-rules.properties). */
final class PatternVerifier implements Verifier {
    private record Rule(String id, Category category, Severity severity, Pattern pattern) {
    }

    private final List<Rule> rules = new ArrayList<>();

    PatternVerifier() {
        Properties p = new Properties();
        try (InputStream in = PatternVerifier.class.getResourceAsStream("/test-rules.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new TreeMap<>(p).forEach((k, v) -> {
            String[] parts = v.toString().split("\\|", 3);
            rules.add(new Rule(k.toString(), Category.fromId(parts[0]), Severity.fromId(parts[1]),
                    Pattern.compile(parts[2])));
        });
    }

    @Override
    public List<Detection> scan(Document document) {
        String text = document.text();
        List<Detection> out = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(text);
            while (m.find()) {
                int g = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
                int start = m.start(g);
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < start; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                String subject = m.group(g);
                out.add(new Detection(r.id, r.category, r.severity, r.id + " found", line, start - lineStart + 1,
                        subject, Redactor.redact(subject), "Rotate it with the provider.", null));
            }
        }
        return out;
    }
}
