package dev.holdfast.cli;

import dev.holdfast.reports.Report;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.Reports;
import dev.holdfast.reports.sarif.SarifReport;
import dev.holdfast.scanner.scan.ScanResult;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --format}, {@code --output} and repeatable {@code --report FORMAT=FILE}, shared by scan and cloud. */
final class OutputOptions {
    @Option(names = "--format", defaultValue = "text", description = "text|json|sarif|markdown|html (default text)")
    String format;

    @Option(names = "--output", description = "write the report here instead of stdout")
    Path output;

    @Option(names = "--report", description = "also write FORMAT=FILE; may repeat")
    List<String> extra = new ArrayList<>();

    /** Checks every format and target before any scanning happens, so a typo costs nothing. */
    Map<String, Path> validate() {
        Map<String, Path> targets = new LinkedHashMap<>();
        requireFormat(format);
        for (String r : extra) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new IllegalArgumentException("--report expects FORMAT=FILE (got '" + r + "')");
            }
            String f = r.substring(0, eq);
            requireFormat(f);
            targets.put(f + "#" + targets.size(), Path.of(r.substring(eq + 1)));
        }
        return targets;
    }

    private static void requireFormat(String f) {
        Reports.forFormat(f, new ReportContext(null, Main.version(), false));
    }

    /** Whether the primary report or an extra one has this format. */
    boolean wants(String f) {
        return format.equals(f) || extra.stream().anyMatch(r -> r.startsWith(f + "="));
    }

    /** Renders the primary report and every extra one. Files are written atomically; devices and pipes directly. */
    void write(ScanResult result, Console console, Path root) throws IOException {
        write(result, result, console, root);
    }

    /**
     * As above, but SARIF reports (meant for code scanning) render {@code sarif}: the head's full state when an
     * event's commits decide the rest. Null writes no SARIF at all (a deleted ref has no head to describe).
     */
    void write(ScanResult result, ScanResult sarif, Console console, Path root) throws IOException {
        ReportContext ctx = new ReportContext(root, Main.version(),
                output == null && console.stdoutIsTerminal() && !console.env().containsKey("NO_COLOR"));
        Report primary = Reports.forFormat(format, ctx);
        ScanResult forPrimary = format.equals(SarifReport.FORMAT) ? sarif : result;
        if (forPrimary == null) {
            console.err().println("holdfast: no SARIF report: there is no head to describe");
        } else if (output == null) {
            Writer w = new OutputStreamWriter(console.out(), StandardCharsets.UTF_8);
            primary.render(forPrimary, w);
            w.flush();
        } else {
            writeFile(primary, forPrimary, output);
        }
        printWarnings(ctx, console);
        for (Map.Entry<String, Path> e : validate().entrySet()) {
            String f = e.getKey().substring(0, e.getKey().indexOf('#'));
            ScanResult r = f.equals(SarifReport.FORMAT) ? sarif : result;
            if (r == null) {
                console.err().println("holdfast: no SARIF report written to " + e.getValue()
                        + ": there is no head to describe");
                continue;
            }
            ReportContext extraCtx = new ReportContext(root, Main.version(), false);
            writeFile(Reports.forFormat(f, extraCtx), r, e.getValue());
            printWarnings(extraCtx, console);
        }
    }

    /** What a report left out (SARIF truncated to GitHub's limits, cloud findings without a file...). */
    private static void printWarnings(ReportContext ctx, Console console) {
        for (String w : ctx.warnings().list()) {
            console.err().println("holdfast: warning: " + Main.oneLine(w));
        }
    }

    private static void writeFile(Report report, ScanResult result, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            // A device, pipe or FIFO (--output /dev/null, /dev/stdout, <(…)): written to, never replaced. Moving a
            // file over it would replace the device itself (as root, /dev/null became a regular file).
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(abs), StandardCharsets.UTF_8)) {
                report.render(result, w);
            }
            return;
        }
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".holdfast-report", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                report.render(result, w);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
