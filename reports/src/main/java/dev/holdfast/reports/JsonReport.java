package dev.holdfast.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** The JSON report of the DESIGN.md contract. Fields may be added; none may change meaning. */
public final class JsonReport implements Report {
    private final String version;

    public JsonReport(String version) {
        this.version = version;
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        mapper.writer(pp).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, toTree(mapper, result));
        out.write("\n");
        out.flush();
    }

    /** The report as a tree, for callers (the action, tests) that post-process it. */
    public ObjectNode toTree(ObjectMapper mapper, ScanResult result) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "holdfast");
        tool.put("version", version);
        ObjectNode target = root.putObject("target");
        target.put("path", result.target().path());
        putNullable(target, "commit", result.target().commit());
        target.put("mode", result.target().mode());
        if (result.target().scope() != null) {
            target.put("scope", result.target().scope());
        }
        target.put("partial", result.partial());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            findings.add(finding(mapper, f));
        }
        ArrayNode warnings = root.putArray("warnings");
        for (ScanWarning w : result.warnings()) {
            ObjectNode n = warnings.addObject();
            putNullable(n, "path", w.path());
            n.put("reason", w.reason());
        }
        root.set("summary", summary(mapper, result));
        return root;
    }

    static ObjectNode finding(ObjectMapper mapper, Finding f) {
        ObjectNode n = mapper.createObjectNode();
        n.put("fingerprint", f.fingerprint());
        n.put("ruleId", f.ruleId());
        n.put("category", f.category().id());
        n.put("severity", f.severity().id());
        n.put("status", f.status().id());
        n.put("message", f.message());
        Location l = f.location();
        ObjectNode loc = n.putObject("location");
        if (l.path() != null) {
            loc.put("path", l.path());
        }
        if (l.line() > 0) {
            loc.put("line", l.line());
        }
        if (l.column() > 0) {
            loc.put("column", l.column());
        }
        if (l.commit() != null) {
            loc.put("commit", l.commit());
        }
        if (l.resource() != null) {
            loc.put("resource", l.resource());
        }
        n.putObject("evidence").put("redacted", f.redacted());
        Attribution a = f.introducedBy();
        if (a != null) {
            ObjectNode by = n.putObject("introducedBy");
            putNullable(by, "commit", a.commit());
            putNullable(by, "name", a.name());
            putNullable(by, "email", a.email());
            by.put("kind", (a.kind() == null ? IdentityKind.UNKNOWN : a.kind()).id());
            putNullable(by, "date", a.date() == null ? null : a.date().toString());
            if (a.onBehalfOf() != null) {
                ObjectNode obo = by.putObject("onBehalfOf");
                putNullable(obo, "name", a.onBehalfOf().name());
                putNullable(obo, "email", a.onBehalfOf().email());
            }
        }
        FixRef fx = f.fixedBy();
        if (fx != null) {
            ObjectNode by = n.putObject("fixedBy");
            putNullable(by, "commit", fx.commit());
            putNullable(by, "name", fx.name());
            putNullable(by, "email", fx.email());
            putNullable(by, "date", fx.date() == null ? null : fx.date().toString());
        }
        putNullable(n, "remediation", f.remediation());
        if (!f.properties().isEmpty()) {
            ObjectNode p = n.putObject("properties");
            for (Map.Entry<String, String> e : f.properties().entrySet()) {
                p.put(e.getKey(), e.getValue());
            }
        }
        return n;
    }

    static ObjectNode summary(ObjectMapper mapper, ScanResult result) {
        ObjectNode s = mapper.createObjectNode();
        Summary sum = Summary.of(result);
        s.put("total", sum.total());
        ObjectNode bySev = s.putObject("bySeverity");
        for (Severity sev : Severity.values()) {
            bySev.put(sev.id(), sum.bySeverity().getOrDefault(sev, 0));
        }
        ObjectNode byStatus = s.putObject("byStatus");
        for (Status st : Status.values()) {
            byStatus.put(st.id(), sum.byStatus().getOrDefault(st, 0));
        }
        ObjectNode byCat = s.putObject("byCategory");
        sum.byCategory().forEach((k, v) -> byCat.put(k.id(), v));
        ObjectNode byId = s.putObject("byIdentity");
        for (IdentityKind k : IdentityKind.values()) {
            byId.put(k.id(), sum.byIdentity().getOrDefault(k, 0));
        }
        s.put("warnings", result.warnings().size());
        return s;
    }

    private static void putNullable(ObjectNode n, String key, String value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }
}
