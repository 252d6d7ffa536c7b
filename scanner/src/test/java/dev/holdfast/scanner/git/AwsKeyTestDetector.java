package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the rule catalogue: AWS access key ids ({@code AKIA} + 16), keyword-prefiltered on the raw bytes so
 * that blobs without the keyword are never decoded.
 */
final class AwsKeyTestDetector implements Detector {
    static final String RULE = "aws-access-key";
    private static final byte[] KEYWORD = "AKIA".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern KEY = Pattern.compile("AKIA[0-9A-Z]{16}");

    @Override
    public String name() {
        return "test-aws";
    }

    @Override
    public List<Detection> detect(Document document) {
        byte[] b = document.content();
        if (indexOf(b, KEYWORD) < 0) {
            return List.of();
        }
        String text = document.text();
        List<Detection> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = KEY.matcher(lines[i]);
            while (m.find()) {
                out.add(new Detection(RULE, Category.SECRET, Severity.CRITICAL, "AWS access key id", i + 1,
                        m.start() + 1, m.group(), Redactor.redact(m.group()), "rotate the key", null));
            }
        }
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = 0, max = hay.length - needle.length; i <= max; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
