package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-scope stand-in for `holdfast scan DIR --format json` until the CLI lands: prints one JSON line per detection
 * (path, line, ruleId, redacted) for every non-binary file under a folder. Used by bench/leaky-repo.sh.
 */
public final class ScanHarness {
    private ScanHarness() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Detector detector = RuleCatalogue.builtin().detector(v -> false);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        long detectNanos = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (binary(bytes)) {
                continue;
            }
            String rel = root.relativize(f).toString().replace('\\', '/');
            long t0 = System.nanoTime();
            List<Detection> found = detector.detect(new Document(rel, bytes));
            detectNanos += System.nanoTime() - t0;
            for (Detection d : found) {
                System.out.println("{\"path\":\"" + rel + "\",\"line\":" + d.line() + ",\"ruleId\":\"" + d.ruleId()
                        + "\",\"key\":\"" + d.properties().getOrDefault("key", "").replace("\"", "") + "\",\"redacted\":\"" + d.redacted().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            }
        }
        System.err.printf("detector time: %d ms over %d files%n", detectNanos / 1_000_000, files.size());
    }

    static boolean binary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
