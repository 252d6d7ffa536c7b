package dev.holdfast.cli;

import dev.holdfast.scanner.scan.ScanProgress;
import dev.holdfast.scanner.scan.ScanProgress.Snapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondWithRateAndEta() {
        TerminalProgressBar bar = new TerminalProgressBar(err, now::get);
        now.set(1_000_000_000L);
        bar.update(new Snapshot(250, 1000, 400, -1, 50_000_000));
        assertThat(out()).isEqualTo("\rholdfast: 250/1,000 commits, 400 blobs, 50.0 MB/s, ETA 0:03");

        now.addAndGet(50_000_000L); // 50 ms later: too soon to redraw
        bar.update(new Snapshot(300, 1000, 450, -1, 55_000_000));
        assertThat(out()).doesNotContain("300/");

        now.addAndGet(60_000_000L);
        bar.update(new Snapshot(1000, 1000, 900, 1000, 100_000_000));
        String last = "holdfast: 1,000/1,000 commits, 900 blobs, 90.1 MB/s, ETA 0:00";
        assertThat(out()).endsWith("\r" + last);

        bar.done(); // clears the line for whatever is printed next
        assertThat(out()).endsWith("\r" + " ".repeat(last.length()) + "\r");
    }

    @Test
    void treeScansCountFiles() {
        assertThat(TerminalProgressBar.render(new Snapshot(0, -1, 10, 40, 2_000_000), 2_000_000_000L))
                .isEqualTo("holdfast: 10/40 files, 1.0 MB/s, ETA 0:06");
    }

    @Test
    void onlyATerminalGetsABar() {
        Console tty = new Console(err, err, Map.of(), false, true);
        Console pipe = new Console(err, err, Map.of(), false, false);
        assertThat(TerminalProgressBar.forConsole(tty, false)).isInstanceOf(TerminalProgressBar.class);
        assertThat(TerminalProgressBar.forConsole(tty, true)).isSameAs(ScanProgress.NONE);
        assertThat(TerminalProgressBar.forConsole(pipe, false)).isSameAs(ScanProgress.NONE);
    }
}
