package dev.holdfast.cli.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * CloudTrail's {@code LookupEvents} in its JSON 1.1 protocol, over the event records of a scenario's
 * {@code cloudtrail/} folder: each {@code *.json} file is one CloudTrail record (as a trail stores it), returned with
 * the lookup's own fields (EventId, EventName, EventTime in epoch seconds, EventSource, Username, AccessKeyId,
 * ReadOnly, Resources) and the record itself as the embedded JSON string {@code CloudTrailEvent}. A
 * {@code *.raw.json} file gives the lookup fields and the {@code CloudTrailEvent} string as is (a malformed or
 * truncated record). Events are filtered by StartTime/EndTime, newest first, paged by {@code NextToken}
 * ({@code cloudtrail.pageSize} in scenario.properties, default the request's MaxResults). A scenario's events add to
 * those of the scenarios it inherits (a file of the same name replaces the inherited one).
 */
final class CloudTrailLookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudTrailLookup() {
    }

    /** The response body for a LookupEvents request body. */
    static String answer(String request, FixtureScenario scenario, FixtureTemplates templates, int pageSize)
            throws IOException {
        JsonNode req = JSON.readTree(request.isBlank() ? "{}" : request);
        double start = req.path("StartTime").asDouble(0);
        double end = req.path("EndTime").asDouble(Double.MAX_VALUE);
        int size = pageSize > 0 ? pageSize : req.path("MaxResults").asInt(50);
        List<ObjectNode> events = new ArrayList<>();
        java.util.Map<String, Path> byName = new java.util.TreeMap<>();
        for (Path dir : scenario.findAll("cloudtrail")) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".json"))
                        .forEach(p -> byName.putIfAbsent(p.getFileName().toString(), p));
            }
        }
        for (Path f : byName.values()) {
            ObjectNode e = lookupEvent(templates.expand(FixtureTemplates.read(f), scenario::find),
                    f.getFileName().toString().endsWith(".raw.json"));
            double t = e.path("EventTime").asDouble();
            if (t >= start && t <= end) {
                events.add(e);
            }
        }
        events.sort(Comparator.comparingDouble((ObjectNode e) -> e.path("EventTime").asDouble()).reversed());
        int from = 0;
        if (req.hasNonNull("NextToken")) {
            from = Integer.parseInt(new String(Base64.getDecoder().decode(req.get("NextToken").asText()),
                    StandardCharsets.UTF_8).replace("offset:", ""));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode page = out.putArray("Events");
        events.subList(Math.min(from, events.size()), Math.min(from + size, events.size())).forEach(page::add);
        if (from + size < events.size()) {
            out.put("NextToken", Base64.getEncoder().encodeToString(("offset:" + (from + size))
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return JSON.writeValueAsString(out);
    }

    private static ObjectNode lookupEvent(String text, boolean raw) throws IOException {
        JsonNode file = JSON.readTree(text);
        if (raw) {
            ObjectNode e = ((ObjectNode) file.get("lookup")).deepCopy();
            e.put("EventTime", Instant.parse(e.get("EventTime").asText()).getEpochSecond());
            e.put("CloudTrailEvent", file.get("CloudTrailEvent").asText());
            return e;
        }
        ObjectNode e = JSON.createObjectNode();
        e.put("EventId", file.path("eventID").asText());
        e.put("EventName", file.path("eventName").asText());
        e.put("ReadOnly", file.path("readOnly").asText("false"));
        JsonNode who = file.path("userIdentity");
        if (who.hasNonNull("accessKeyId")) {
            e.put("AccessKeyId", who.get("accessKeyId").asText());
        }
        e.put("EventTime", Instant.parse(file.path("eventTime").asText()).getEpochSecond());
        e.put("EventSource", file.path("eventSource").asText());
        String user = who.path("userName").asText(null);
        if (user == null && who.path("arn").asText("").contains("/")) {
            String arn = who.path("arn").asText();
            user = arn.substring(arn.lastIndexOf('/') + 1);
        }
        if (user != null) {
            e.put("Username", user);
        }
        ArrayNode res = e.putArray("Resources");
        JsonNode params = file.path("requestParameters");
        for (String[] r : new String[][]{{"roleName", "AWS::IAM::Role"}, {"userName", "AWS::IAM::User"},
                {"policyArn", "AWS::IAM::Policy"}, {"roleArn", "AWS::IAM::Role"}}) {
            if (params.hasNonNull(r[0])) {
                res.addObject().put("ResourceType", r[1]).put("ResourceName", params.get(r[0]).asText());
            }
        }
        e.put("CloudTrailEvent", JSON.writeValueAsString(file));
        return e;
    }
}
