package dev.holdfast.rules.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Tuning aid: how long the keyword prefilter alone takes over a folder, versus full detection. */
final class KeywordTiming {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        List<SecretRule> rules = RuleCatalogue.builtin().rules();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int active = 0;
            long bytes = 0;
            for (Path f : files) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                bytes += text.length();
                String lower = text.toLowerCase(Locale.ROOT);
                for (SecretRule r : rules) {
                    if (r.keywordIn(lower)) {
                        active++;
                    }
                }
            }
            long t1 = System.nanoTime();
            System.out.printf("prefilter: %d ms, %d MB, %d active rule-docs%n", (t1 - t0) / 1_000_000, bytes >> 20, active);
        }
    }
}
