package dev.holdfast.scanner.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.rules.cloud.CloudSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes snapshots as stable, pretty JSON; writes atomically so a crash never leaves half a snapshot. */
public final class SnapshotStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotStore() {
    }

    public static String toJson(CloudSnapshot s) {
        try {
            return MAPPER.writeValueAsString(s) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot", e);
        }
    }

    public static void write(CloudSnapshot s, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toJson(s), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @throws CloudException naming the file when it is not a snapshot this version understands */
    public static CloudSnapshot read(Path file) {
        try {
            CloudSnapshot s = MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), CloudSnapshot.class);
            if (s == null || s.schemaVersion() != CloudSnapshot.SCHEMA_VERSION || s.provider() == null) {
                throw new CloudException(file + ": not a holdfast cloud snapshot"
                        + (s == null ? "" : " (schemaVersion " + s.schemaVersion() + ")"));
            }
            return s;
        } catch (IOException e) {
            throw new CloudException(file + ": cannot read snapshot: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
