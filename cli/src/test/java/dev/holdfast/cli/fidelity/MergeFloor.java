package dev.holdfast.cli.fidelity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The floor the benchmark compares with: what a plain 3-way merge of the fix onto HEAD gives ({@code git merge-file},
 * the file-level step of {@code git cherry-pick}); a conflict is no change.
 */
final class MergeFloor {
    private MergeFloor() {
    }

    static CaseRunner.Verdict judge(FidelityCase c, long seed) throws Exception {
        FidelitySecrets secrets = new FidelitySecrets(seed, c.secrets());
        Path dir = Files.createTempDirectory("holdfast-merge-floor");
        try {
            Path head = dir.resolve("head");
            Path base = dir.resolve("base");
            Path fixed = dir.resolve("fixed");
            Files.write(head, secrets.expand(c.head()));
            Files.write(base, secrets.expand(c.original()));
            Files.write(fixed, secrets.expand(c.fixed()));
            Process p = new ProcessBuilder("git", "merge-file", "-p", head.toString(), base.toString(),
                    fixed.toString()).start();
            p.getOutputStream().close();
            byte[] merged = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return CaseRunner.Verdict.NO_CHANGE;
            }
            byte[] expected = secrets.expand(c.expected());
            if (Arrays.equals(merged, expected)) {
                return CaseRunner.Verdict.EXACT;
            }
            String text = new String(merged, java.nio.charset.StandardCharsets.UTF_8);
            for (String s : secrets.all()) {
                if (text.contains(s)) {
                    return CaseRunner.Verdict.DAMAGING;
                }
            }
            return CaseRunner.Verdict.DIFFERENT;
        } finally {
            for (String f : new String[] {"head", "base", "fixed"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }
}
