package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.model.FindingProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * "Where the AST knows better than a regex, the AST wins": among the detections of one document, a detection
 * without property {@code ast=true} is dropped when an AST detection sits on the same line and their subjects are
 * equal or one contains the other (a regex often captures a little more or less than the literal). The AST one
 * names the API and the exact argument, and its column is the literal's.
 */
public final class AstPreference {
    private AstPreference() {
    }

    public static List<Detection> apply(List<Detection> oneDocument) {
        List<Detection> ast = oneDocument.stream().filter(AstPreference::isAst).toList();
        if (ast.isEmpty()) {
            return oneDocument;
        }
        List<Detection> out = new ArrayList<>(oneDocument.size());
        for (Detection d : oneDocument) {
            if (isAst(d) || ast.stream().noneMatch(a -> sameFinding(a, d))) {
                out.add(d);
            }
        }
        return out;
    }

    static boolean isAst(Detection d) {
        return Boolean.TRUE.equals(FindingProperty.AST.get(d.properties()));
    }

    private static boolean sameFinding(Detection ast, Detection other) {
        String a = ast.subject();
        String o = other.subject();
        return ast.line() == other.line() && a != null && o != null && !a.isEmpty() && !o.isEmpty()
                && (a.equals(o) || a.contains(o) || o.contains(a));
    }
}
