package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every flavour of existing hook ({@code hooks/flavours.yaml}) in a real repository, with real {@code git commit}s:
 * after {@code hooks install} a clean commit goes through and the existing hook still runs; a staged secret is blocked,
 * said on stderr (file:line, rule, redacted value, never the value) and stays staged; {@code hooks uninstall} leaves the
 * hooks folder exactly as it was, byte for byte and mode for mode, and no record behind.
 */
class GitHookFlavoursTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> flavours() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/hooks/flavours.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.get("flavours")) {
            String dir = "flavour" + i++;
            out.add(DynamicTest.dynamicTest(f.get("name").asText(), () -> run(f, dir)));
        }
        return out;
    }

    private void run(JsonNode f, String name) throws Exception {
        Sandbox s = new Sandbox(Files.createDirectories(tmp.resolve(name)));
        Path repo = s.repo("repo");
        f.path("files").fields().forEachRemaining(e -> place(repo, e.getKey(), e.getValue()));
        for (var it = f.path("links").fields(); it.hasNext(); ) {
            var e = it.next();
            Files.createSymbolicLink(repo.resolve(e.getKey()), Path.of(e.getValue().asText()));
        }
        if (f.has("hooksPath")) {
            s.git(repo, "config", "core.hooksPath", f.get("hooksPath").asText());
        }
        Path hooks = repo.resolve(f.has("hooksPath") ? f.get("hooksPath").asText() : ".git/hooks");
        Map<String, String> before = Sandbox.snapshot(hooks);
        String config = Files.readString(repo.resolve(".git/config"));

        CliRunner.Run install = CliRunner.run("hooks", "install", repo.toString(), "--launcher", Sandbox.launcher());
        assertThat(install.exit()).as(install.all()).isEqualTo(ExitCode.OK);

        Files.writeString(repo.resolve("notes.txt"), "a clean change\n");
        s.git(repo, "add", "notes.txt");
        s.git(repo, "commit", "-q", "-m", "clean");
        Path ran = repo.resolve("hook-ran.txt");
        assertThat(Files.exists(ran) ? Files.readString(ran) : "").isEqualTo(f.get("ran").asText());

        String key = s.awsKey();
        Files.writeString(repo.resolve("cfg.properties"), "region=eu-west-1\naws.accessKeyId=" + key + "\n");
        s.git(repo, "add", "cfg.properties");
        String head = s.git(repo, "rev-parse", "HEAD").out();
        Sandbox.Ran blocked = s.gitMayFail(repo, "commit", "-q", "-m", "adds a key");
        assertThat(blocked.exit()).as(blocked.all()).isNotZero();
        assertThat(blocked.err()).contains("commit blocked").contains("cfg.properties:2").contains("aws-access-key")
                .contains(key.substring(0, 4) + "…").contains("${AWS_ACCESS_KEY_ID}").doesNotContain(key);
        assertThat(s.git(repo, "rev-parse", "HEAD").out()).isEqualTo(head);
        assertThat(s.git(repo, "diff", "--cached", "--name-only").out()).isEqualTo("cfg.properties\n");

        CliRunner.Run uninstall = CliRunner.run("hooks", "uninstall", repo.toString());
        assertThat(uninstall.exit()).as(uninstall.all()).isEqualTo(ExitCode.OK);
        assertThat(Sandbox.snapshot(hooks)).isEqualTo(before);
        assertThat(repo.resolve(".git/holdfast")).doesNotExist();
        assertThat(Files.readString(repo.resolve(".git/config"))).isEqualTo(config);
    }

    private static void place(Path repo, String path, JsonNode spec) {
        try {
            Path p = repo.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, spec.get("text").asText());
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(spec.get("mode").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
