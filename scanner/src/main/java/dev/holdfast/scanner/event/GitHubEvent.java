package dev.holdfast.scanner.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.push.PushPlanner;
import dev.holdfast.scanner.push.PushScope;
import dev.holdfast.scanner.push.RefUpdate;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A GitHub Actions event ({@code $GITHUB_EVENT_NAME} and the payload at {@code $GITHUB_EVENT_PATH}) read as what it
 * asks to scan: a push of one ref (created, deleted, forced, a tag), the commits of a pull request or merge group,
 * or, on a schedule or a manual run, the whole history.
 */
public final class GitHubEvent {
    /** The events holdfast scans. */
    public static final List<String> SUPPORTED = List.of("push", "pull_request", "pull_request_target",
            "merge_group", "schedule", "workflow_dispatch");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = ObjectId.zeroId().name();
    private static final long MAX_BYTES = 64L * 1024 * 1024; // GitHub caps payloads at 25 MB

    /** What an event asks for, before the clone is looked at. */
    public sealed interface Request {
    }

    /** A push of one ref. */
    public record Push(RefUpdate update) implements Request {
    }

    /**
     * What {@code head} has that {@code base} has not (pull request, merge group).
     *
     * @param what "pull request #12", for messages
     */
    public record Between(String base, String head, String what) implements Request {
    }

    /** The whole history (schedule, workflow_dispatch). */
    public record Everything(String why) implements Request {
    }

    private GitHubEvent() {
    }

    /**
     * @throws EventException (one line, naming the file) for an unknown event, an unreadable or malformed payload, or
     *                        a payload without the fields its event must have
     */
    public static Request read(Path file, String name) {
        if (name == null || name.isBlank()) {
            throw new EventException("no event name: pass --event-name NAME (or set GITHUB_EVENT_NAME)");
        }
        if (!SUPPORTED.contains(name)) {
            throw new EventException("event '" + name + "' is not one holdfast scans (" + String.join(", ", SUPPORTED)
                    + "); run it on those events, or scan with --range or --history");
        }
        if (name.equals("schedule") || name.equals("workflow_dispatch")) {
            return new Everything(name);
        }
        JsonNode p = payload(file, name);
        return switch (name) {
            case "push" -> push(p, file);
            case "merge_group" -> new Between(sha(p, "merge_group.base_sha", file, name),
                    sha(p, "merge_group.head_sha", file, name),
                    "merge group " + text(p, "merge_group.head_ref", "(unnamed)"));
            default -> new Between(sha(p, "pull_request.base.sha", file, name),
                    sha(p, "pull_request.head.sha", file, name),
                    "pull request #" + text(p, "pull_request.number", text(p, "number", "?")));
        };
    }

    /** Turns a request into the commits to scan, on the clone. */
    public static PushScope plan(Request r, PushPlanner planner) throws IOException {
        if (r instanceof Push p) {
            return planner.plan(p.update());
        }
        if (r instanceof Between b) {
            return planner.between(b.base(), b.head(), b.what());
        }
        return new PushScope.WholeHistory(((Everything) r).why() + ": every commit reachable from any ref");
    }

    private static Request push(JsonNode p, Path file) {
        String ref = text(p, "ref", null);
        if (ref == null || !ref.startsWith("refs/")) {
            throw bad(file, "push", "'ref' must be a full ref name such as refs/heads/main");
        }
        boolean deleted = p.path("deleted").asBoolean(false);
        boolean created = p.path("created").asBoolean(false);
        String before = created ? ZERO : sha(p, "before", file, "push");
        String after = deleted ? ZERO : sha(p, "after", file, "push");
        return new Push(new RefUpdate(ref, before, after, p.path("forced").asBoolean(false)));
    }

    private static JsonNode payload(Path file, String name) {
        if (file == null) {
            throw new EventException("no event payload for '" + name + "': pass --event FILE (or set "
                    + "GITHUB_EVENT_PATH)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new EventException("event file " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) {
                throw new EventException("event file " + file + ": not a JSON object");
            }
            return n;
        } catch (NoSuchFileException e) {
            throw new EventException("event file " + file + ": no such file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new EventException("event file " + file + ": not valid JSON" + where, e);
        } catch (IOException e) {
            throw new EventException("event file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static String sha(JsonNode p, String path, Path file, String event) {
        String s = text(p, path, null);
        if (s == null || !ObjectId.isId(s)) {
            throw bad(file, event, "'" + path + "' must be a 40-digit commit id");
        }
        return s;
    }

    private static String text(JsonNode p, String dotted, String fallback) {
        JsonNode n = p;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n.isValueNode() && !n.isNull() ? n.asText() : fallback;
    }

    private static EventException bad(Path file, String event, String what) {
        return new EventException("event file " + file + " (" + event + "): " + what);
    }
}
