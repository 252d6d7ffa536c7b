package dev.holdfast.reports;

import dev.holdfast.scanner.scan.ScanResult;

import java.io.IOException;
import java.io.Writer;

/** Renders one scan result in one format. Never writes a raw secret: findings hold only redacted evidence. */
public interface Report {

    /** The format name used with {@code --format} and {@code --report FORMAT=FILE}. */
    String format();

    void render(ScanResult result, Writer out) throws IOException;
}
