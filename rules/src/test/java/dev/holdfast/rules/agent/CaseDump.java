package dev.holdfast.rules.agent;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;

import java.nio.file.Path;
import java.util.List;

/** Prints what the detector makes of every case folder (for reviewing a new case); not a test. */
final class CaseDump {
    public static void main(String[] args) {
        AgentConfigDetector d = new AgentConfigDetector();
        DetectorCases.cases("agent").forEach(dir -> {
            Document doc = DetectorCases.document(dir, new TestSecrets());
            System.out.println("== " + dir.getFileName() + " (" + doc.path() + ")");
            List<Detection> found;
            try {
                found = d.detect(doc);
            } catch (DetectorException e) {
                System.out.println("  WARNING/ERROR: " + e.getMessage());
                found = e.found();
            }
            for (Detection x : found) {
                System.out.println("  " + x.ruleId() + "@" + x.line() + " " + x.severity().id() + " | "
                        + x.properties().get("grant") + " | " + x.message() + " | " + x.redacted());
            }
        });
    }
}
