package dev.holdfast.reports.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub's upload action must compute the same primaryLocationLineHash as we do, or alerts lose their identity. */
class LineHashTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = LineHashTest.class.getResourceAsStream("line-hash-cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> list = new ArrayList<>();
            root.get("cases").forEach(list::add);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheUploadActionsKnownValues(JsonNode c) {
        String input = c.get("input").asText().repeat(c.path("repeat").asInt(1));
        List<String> expected = new ArrayList<>();
        c.get("expected").forEach(e -> expected.add(e.asText()));

        assertThat(LineHash.hashes(input)).containsExactlyElementsOf(expected);
        assertThat(LineHash.forLine(input, expected.size())).isEqualTo(expected.get(expected.size() - 1));
        assertThat(LineHash.forLine(input, expected.size() + 1)).isNull();
    }
}
