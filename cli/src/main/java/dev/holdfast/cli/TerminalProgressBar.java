package dev.holdfast.cli;

import dev.holdfast.scanner.scan.ScanProgress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place with {@code \r} at most ten times a second: commits or files
 * done, MB/s, ETA. Used only when stderr is a terminal and --no-progress is not given.
 */
public final class TerminalProgressBar implements ScanProgress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastDraw;
    private int lastWidth;
    private boolean drawn;

    public TerminalProgressBar(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** The bar when stderr is a terminal and progress is wanted, else a listener that does nothing. */
    public static ScanProgress forConsole(Console console, boolean noProgress) {
        return console.stderrIsTerminal() && !noProgress ? new TerminalProgressBar(console.err(), System::nanoTime)
                : ScanProgress.NONE;
    }

    @Override
    public synchronized void update(Snapshot s) {
        long now = nanoTime.getAsLong();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(s, now - start);
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastWidth; i++) {
            sb.append(' ');
        }
        lastWidth = line.length();
        err.print(sb);
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            drawn = false;
        }
    }

    static String render(Snapshot s, long elapsedNanos) {
        StringBuilder sb = new StringBuilder("holdfast: ");
        double fraction;
        if (s.commitsTotal() > 0) {
            sb.append(count(s.commitsDone())).append('/').append(count(s.commitsTotal())).append(" commits, ")
                    .append(count(s.blobsDone())).append(" blobs");
            fraction = s.commitsDone() < s.commitsTotal() || s.blobsTotal() <= 0
                    ? (double) s.commitsDone() / s.commitsTotal()
                    : (double) s.blobsDone() / s.blobsTotal();
        } else {
            sb.append(count(s.blobsDone()));
            if (s.blobsTotal() > 0) {
                sb.append('/').append(count(s.blobsTotal()));
            }
            sb.append(" files");
            fraction = s.blobsTotal() > 0 ? (double) s.blobsDone() / s.blobsTotal() : -1;
        }
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0) {
            sb.append(String.format(Locale.ROOT, ", %.1f MB/s", s.bytesDone() / 1e6 / seconds));
        }
        if (fraction > 0 && fraction < 1 && seconds > 0) {
            long eta = Math.round(seconds * (1 - fraction) / fraction);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
        }
        return sb.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
