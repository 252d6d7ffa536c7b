package dev.holdfast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.model.Finding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * {@code --record FILE}: one JSON line per finding a hook stopped — when, which hook, who (person or agent, and for
 * whom), the rule, the place, the redacted value and the fingerprint — for teams that keep an audit trail of what was
 * stopped. A stopped attempt is not a finding; this file is its only trace. Lines are appended under a file lock, so
 * hooks running at once never interleave.
 */
final class AuditLog {
    private AuditLog() {
    }

    /**
     * @param session the agent tool's session or conversation id, or null
     */
    static void append(Path file, HookScan.Verdict v, String session, Instant now) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (Finding f : v.failing()) {
            ObjectNode n = mapper.createObjectNode();
            n.put("time", now.toString());
            n.put("hook", v.kind().hook);
            HookOutput.actor(n.putObject("who"), v.actor());
            if (session != null) {
                n.put("session", session);
            }
            n.put("ruleId", f.ruleId());
            n.put("severity", f.severity().id());
            n.put("status", f.status().id());
            n.put("path", f.location().path());
            n.put("line", f.location().line());
            if (f.location().commit() != null) {
                n.put("commit", f.location().commit());
            }
            n.put("redacted", f.redacted());
            n.put("fingerprint", f.fingerprint());
            lines.append(mapper.writeValueAsString(n)).append('\n');
        }
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
            ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
