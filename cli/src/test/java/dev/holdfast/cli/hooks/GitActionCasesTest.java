package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading an agent's shell command before it runs ({@code hooks/commands.yaml}). */
class GitActionCasesTest {

    @TestFactory
    List<DynamicTest> cases() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/hooks/commands.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String command = c.get("command").asText();
            out.add(DynamicTest.dynamicTest(command, () -> {
                List<String> expected = new ArrayList<>();
                c.get("actions").forEach(a -> expected.add(a.asText()));
                List<String> actual = GitAction.plan(GitInvocation.in(command, Path.of("/repo"))).stream()
                        .map(GitActionCasesTest::describe).toList();
                assertThat(actual).containsExactlyElementsOf(expected);
            }));
        }
        return out;
    }

    private static String describe(GitAction a) {
        if (a instanceof GitAction.Commit c) {
            String s = "commit " + c.dir() + " " + c.staging().name().toLowerCase(Locale.ROOT);
            return c.alsoPaths().isEmpty() ? s : s + " also: " + String.join(" ",
                    c.alsoPaths().stream().map(Path::toString).toList());
        }
        GitAction.Push p = (GitAction.Push) a;
        return ("push " + p.dir() + " " + String.join(" ", p.args())).strip();
    }
}
