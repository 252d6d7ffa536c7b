package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Regex rules from test-rules.yaml: enough to exercise the baseline without the real catalogue. */
final class TestDetector implements Detector {
    private record Rule(String id, Pattern regex, Category category, Severity severity, String message) {
    }

    private final List<Rule> rules = new ArrayList<>();

    TestDetector() {
        try (InputStream in = TestDetector.class.getResourceAsStream("/test-rules.yaml")) {
            List<Map<String, String>> raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {
            });
            for (Map<String, String> r : raw) {
                rules.add(new Rule(r.get("id"), Pattern.compile(r.get("regex")), Category.fromId(r.get("category")),
                        Severity.fromId(r.get("severity")), r.get("message")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "test-patterns";
    }

    @Override
    public List<Detection> detect(Document document) {
        List<Detection> out = new ArrayList<>();
        String[] lines = document.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Rule r : rules) {
                Matcher m = r.regex().matcher(lines[i]);
                while (m.find()) {
                    out.add(new Detection(r.id(), r.category(), r.severity(), r.message(), i + 1, m.start() + 1,
                            m.group(), Redactor.redact(m.group()), "move it to a secret store", Map.of()));
                }
            }
        }
        return out;
    }
}
