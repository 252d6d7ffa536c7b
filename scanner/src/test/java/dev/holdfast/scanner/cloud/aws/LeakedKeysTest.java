package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.FindingFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys of the inventory found in a repository are found the way {@code holdfast scan} finds them, by the catalogue's
 * {@code aws-access-key} rule: a key id that is a word of its own is reported with its owner; one glued to other
 * letters (part of a longer token) is not, as the scan does not report it either.
 */
class LeakedKeysTest {
    private static final String USER = "arn:aws:iam::111122223333:user/agents/report-agent";

    @Test
    void keysOfTheInventoryAsTheCatalogueFindsThem(@TempDir Path repo) throws Exception {
        String standalone = keyId(1);
        String glued = keyId(2);
        String stranger = keyId(3);
        Files.writeString(repo.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=" + standalone + "\n"
                + "token=x" + glued + "\n" + "other=" + stranger + "\n");
        CloudPrincipal agent = new CloudPrincipal(USER, "user", "report-agent", "/agents/", "agent", null, null, null,
                null, null, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        CloudSnapshot snapshot = new CloudSnapshot(1, "aws", "111122223333", null, "2026-06-01T00:00:00Z",
                List.of(agent), List.of());
        CloudInventory.KeyOwner owner = new CloudInventory.KeyOwner(USER, "Active", "2024-06-01T00:00:00Z", null);
        CloudInventory inv = new CloudInventory(snapshot, List.of(), false, Map.of(standalone, owner, glued, owner));

        List<Finding> found = LeakedKeys.find(inv, new FindingFactory(new Fingerprinter(new byte[32])), repo);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("aws-leaked-access-key");
            assertThat(f.severity().id()).isEqualTo("critical");
            assertThat(f.location().path()).isEqualTo("deploy.env");
            assertThat(f.location().line()).isEqualTo(1);
            assertThat(f.location().column()).isEqualTo("AWS_ACCESS_KEY_ID=".length() + 1);
            assertThat(f.location().resource()).isEqualTo(USER);
            assertThat(f.toString() + f.message() + f.properties()).doesNotContain(standalone);
        });
    }

    /** A well-formed access key id, generated so that none is committed. */
    private static String keyId(long seed) {
        String b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            sb.append(b32.charAt(r.nextInt(32)));
        }
        return sb.toString();
    }
}
