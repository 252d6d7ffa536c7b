package dev.holdfast.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.reports.JsonReport;
import dev.holdfast.scanner.scan.ScanWarning;
import dev.holdfast.scanner.scan.Sanitize;

import java.io.IOException;

/**
 * How a verdict is shown: the JSON report with a {@code decision} object for tools ({@code --format json}), and the
 * short block message for people and agents. Notes about the repository's state go to stderr, one line each.
 */
final class HookOutput {
    private HookOutput() {
    }

    static void notes(HookScan.Verdict v, Console console) {
        for (ScanWarning w : v.result().warnings()) {
            console.err().println("holdfast: " + (w.path() == null ? "" : Sanitize.oneLine(w.path()) + ": ")
                    + Sanitize.oneLine(w.reason()));
        }
    }

    /** Who is committing or pushing: name, email, kind, and for an agent the person it acts for. */
    static ObjectNode actor(ObjectNode n, Attribution a) {
        n.put("name", a.name());
        n.put("email", a.email());
        n.put("kind", a.kind().id());
        if (a.onBehalfOf() != null) {
            n.putObject("onBehalfOf").put("name", a.onBehalfOf().name()).put("email", a.onBehalfOf().email());
        }
        return n;
    }

    /** The JSON report of the contract plus {@code decision}: blocked or not, by which hook, for whom, and why. */
    static String json(HookScan.Verdict v, String failOn) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = new JsonReport(Main.version()).toTree(mapper, v.result());
        ObjectNode d = root.putObject("decision");
        d.put("blocked", v.blocks());
        d.put("hook", v.kind().hook);
        d.put("failOn", failOn);
        d.put("failing", v.failing().size());
        actor(d.putObject("actor"), v.actor());
        if (v.blocks()) {
            d.put("message", BlockMessage.render(v));
        }
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(pp).writeValueAsString(root) + "\n";
    }
}
