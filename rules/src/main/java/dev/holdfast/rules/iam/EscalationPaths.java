package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The privilege-escalation paths of {@code privesc-paths.yml}. */
public final class EscalationPaths {
    private static final String RESOURCE = "/dev/holdfast/rules/iam/privesc-paths.yml";
    private static volatile List<EscalationPath> bundled;

    private EscalationPaths() {
    }

    public static List<EscalationPath> bundled() {
        List<EscalationPath> b = bundled;
        if (b == null) {
            try (InputStream in = EscalationPaths.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("escalation paths " + RESOURCE + " are missing");
                }
                b = read(in);
                bundled = b;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read escalation paths", e);
            }
        }
        return b;
    }

    static List<EscalationPath> read(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<EscalationPath> out = new ArrayList<>();
        for (JsonNode p : root.path("paths")) {
            List<EscalationPath.Requirement> reqs = new ArrayList<>();
            for (JsonNode r : p.path("requires")) {
                if (r.isTextual()) {
                    reqs.add(new EscalationPath.Requirement(r.asText().strip(), null, null));
                } else {
                    reqs.add(new EscalationPath.Requirement(r.path("action").asText().strip(),
                            r.hasNonNull("resource") ? r.get("resource").asText() : null,
                            r.hasNonNull("passedToService") ? r.get("passedToService").asText() : null));
                }
            }
            out.add(new EscalationPath(p.path("id").asText(), p.path("name").asText(),
                    Severity.fromId(p.path("severity").asText("high")), p.path("description").asText(),
                    p.path("source").asText(), reqs));
        }
        return List.copyOf(out);
    }
}
