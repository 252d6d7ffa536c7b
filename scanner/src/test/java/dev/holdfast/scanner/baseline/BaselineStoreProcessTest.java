package dev.holdfast.scanner.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two `holdfast baseline --accept` runs at once are two processes: the lock file must serialise them. */
class BaselineStoreProcessTest {
    @TempDir
    Path dir;

    @Test
    void concurrentProcessesDoNotLoseEachOthersUpdates() throws Exception {
        Path file = dir.resolve(".holdfast/baseline.json");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add("n" + i);
        }
        new BaselineStore().write(file, BaselineStoreTest.sample(names));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    AcceptInAnotherProcess.class.getName(), file.toString()));
            for (int i = p; i < names.size(); i += 2) {
                cmd.add("secret:" + names.get(i));
            }
            running.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("p" + p + ".log").toFile()).start());
        }
        for (Process p : running) {
            assertThat(p.waitFor()).isZero();
        }
        Baseline after = new BaselineStore().read(file);
        assertThat(after.findings().values()).hasSize(16)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.ACCEPTED));
        assertThat(after.findings().values().stream().map(e -> e.acceptance().by()).distinct()).hasSize(2);
    }
}
