package dev.holdfast.cli.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.rules.catalogue.ExampleExpander;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No byte prefix or encoding trick hides a secret that git grep would show: files whose first bytes look like a
 * byte-order mark but whose text is plain ASCII, glued byte-order marks, UTF-16 without a mark and UTF-32, in a real
 * git repository, through the CLI, in tree, history and range mode.
 */
class EncodingEvasionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path repo;
    /** Path to the secret planted in it (a distinct key per file). */
    private final Map<String, String> planted = new TreeMap<>();
    private RevCommit clean;
    private RevCommit leak;

    private static String key(long seed) {
        return "AKIA" + new ExampleExpander(seed).generate("A-Z2-7", 16);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private void plant(String path, byte[] prefix, Charset charset, String before) throws Exception {
        String key = key(planted.size() + 100);
        planted.put(path, key);
        String text = before + "aws_access_key_id = " + key + "\nregion = eu-west-1\n";
        Files.write(repo.resolve(path), concat(prefix, text.getBytes(charset)));
    }

    @BeforeEach
    void repository() throws Exception {
        repo = dir.resolve("repo");
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("README.md"), "nothing here\n");
            clean = commit(git, "start");
            // ASCII behind the two bytes of a UTF-16 mark: the evasion of the issue (secret on line 1 and line 2).
            plant("ff-fe.cfg", bytes(0xff, 0xfe), StandardCharsets.US_ASCII, "");
            plant("fe-ff.cfg", bytes(0xfe, 0xff), StandardCharsets.US_ASCII, "# settings\n");
            // A UTF-8 mark glued to the first line, UTF-16 without a mark, UTF-32 with one.
            plant("utf8-bom.cfg", bytes(0xef, 0xbb, 0xbf), StandardCharsets.UTF_8, "");
            plant("utf16-nobom.cfg", new byte[0], StandardCharsets.UTF_16LE, "# settings\n");
            plant("utf32.cfg", bytes(0xff, 0xfe, 0, 0), Charset.forName("UTF-32LE"), "");
            leak = commit(git, "settings");
            for (String p : planted.keySet()) {
                Files.delete(repo.resolve(p));
            }
            commit(git, "remove settings");
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Dev", "dev@example.com")
                .setCommitter("Dev", "dev@example.com").setSign(false).call();
    }

    private JsonNode scan(String... extra) throws Exception {
        Path out = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--format", "json", "--output",
                out.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        for (String key : planted.values()) {
            assertThat(r.all()).doesNotContain(key);
        }
        return JSON.readTree(out.toFile());
    }

    /** Path to line of each aws-access-key finding. */
    private static Map<String, Integer> found(JsonNode report) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().startsWith("aws-access-key")) {
                out.put(f.at("/location/path").asText(), f.at("/location/line").asInt());
            }
        }
        return out;
    }

    private Map<String, Integer> expected() {
        Map<String, Integer> out = new TreeMap<>();
        planted.keySet().forEach(p -> out.put(p, p.startsWith("fe-ff") || p.startsWith("utf16") ? 2 : 1));
        return out;
    }

    @Test
    void everyPlantedKeyIsFoundInHistoryMode() throws Exception {
        assertThat(found(scan("--history"))).isEqualTo(expected());
    }

    @Test
    void everyPlantedKeyIsFoundInRangeMode() throws Exception {
        assertThat(found(scan("--range", clean.name() + ".." + leak.name()))).isEqualTo(expected());
    }

    @Test
    void everyPlantedKeyIsFoundInTheWorkingTree() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setName(leak.name()).call();
        }
        assertThat(found(scan())).isEqualTo(expected());
    }
}
