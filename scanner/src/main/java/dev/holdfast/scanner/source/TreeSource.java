package dev.holdfast.scanner.source;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.scan.ContentSniffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The files of a working tree, as {@link WorkingTreeSource} lists them. */
final class TreeSource implements Source {
    private final Path root;
    private final HoldfastConfig config;
    private final Predicate<String> wanted;

    TreeSource(Path root, HoldfastConfig config, Predicate<String> wanted) {
        this.root = root;
        this.config = config;
        this.wanted = wanted;
    }

    @Override
    public void read(Sink sink) throws IOException {
        for (SourceFile f : new WorkingTreeSource(root).files()) {
            if (config.isIgnored(f.relative()) || !wanted.test(f.relative())) {
                continue;
            }
            long size;
            try {
                size = Files.size(f.absolute());
            } catch (IOException e) {
                continue; // gone since it was listed
            }
            if (size > config.maxFileSize()) {
                continue;
            }
            byte[] text = ContentSniffer.textOrNull(Files.readAllBytes(f.absolute()));
            if (text != null) {
                sink.accept(new SourceDocument(f.relative(), null, text));
            }
        }
    }
}
