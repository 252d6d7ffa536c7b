package dev.holdfast.rules.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tuning aid: writes the generated corpus of a seed to a folder, with labels.tsv (path, line, planted, label). */
final class CorpusDump {
    public static void main(String[] args) throws IOException {
        GeneratedCorpus c = GeneratedCorpus.load(Long.parseLong(args[0]));
        Path out = Path.of(args[1]);
        for (var e : c.files.entrySet()) {
            Path p = out.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        StringBuilder labels = new StringBuilder();
        c.lines.forEach(l -> labels.append(l.path()).append('\t').append(l.line()).append('\t').append(l.planted())
                .append('\t').append(l.label()).append('\n'));
        Files.writeString(out.resolve("labels.tsv"), labels);
    }
}
