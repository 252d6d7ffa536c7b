package dev.holdfast.scanner.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.cloud.CloudThresholds;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalClassifierTest {

    @Test
    @SuppressWarnings("unchecked")
    void casesFromData() throws Exception {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("principal-cases.yml")) {
            cases = new ObjectMapper(new YAMLFactory()).readValue(in, List.class);
        }
        PrincipalClassifier c = PrincipalClassifier.defaults();
        for (Map<String, Object> k : cases) {
            String got = c.classify((String) k.get("type"), (String) k.get("path"), (String) k.get("name"),
                    (Map<String, String>) k.get("tags")).id();
            assertThat(got).as(k.toString()).isEqualTo(k.get("kind"));
        }
    }

    @Test
    void thresholdsOverrideByNameAndRejectUnknownKeys() {
        CloudThresholds t = CloudThresholds.defaults();
        assertThat(t.accessKeyMaxAgeDays()).isEqualTo(90);
        assertThat(t.withOverrides(Map.of("accessKeyMaxAgeDays", 30)).accessKeyMaxAgeDays()).isEqualTo(30);
        assertThat(t.withOverrides(Map.of("accessKeyMaxAgeDays", 30)).roleUnusedDays()).isEqualTo(90);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.withOverrides(Map.of("keyAge", 3)))
                .hasMessageContaining("keyAge");
    }
}
