package dev.holdfast.remediator.fixers;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.SwitchEntry;
import dev.holdfast.rules.detect.Detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Java: replaces the string literal holding a secret with {@code System.getenv("NAME")}. The edit is bounded to the
 * literal's own source range (JavaParser positions), so nothing else in the file moves, and the result is parsed
 * again before it is offered. Literals that must stay compile-time constants (annotation values, switch labels) and
 * secrets embedded in a longer literal are refused.
 */
public final class JavaEnvFixer implements RuleFixer {

    @Override
    public String name() {
        return "java-env";
    }

    @Override
    public boolean handles(FixContext context) {
        return context.path().endsWith(".java");
    }

    @Override
    public FixerOutcome fix(FixContext context) {
        String source = context.headText();
        ParseResult<CompilationUnit> parsed = parser().parse(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return FixerOutcome.refused(context.path() + " does not parse as Java at HEAD");
        }
        CompilationUnit unit = parsed.getResult().get();
        List<StringLiteralExpr> literals = unit.findAll(StringLiteralExpr.class);
        TextRegions regions = new TextRegions(source);
        TreeSet<String> names = new TreeSet<>();
        java.util.LinkedHashSet<String> notes = new java.util.LinkedHashSet<>();
        for (Detection target : EnvNames.conventionalFirst(context.targets())) {
            StringLiteralExpr literal = locate(literals, target);
            if (literal == null) {
                return FixerOutcome.refused("no string literal at line " + target.line() + " of " + context.path()
                        + " holds the value on its own");
            }
            if (literal.findAncestor(AnnotationExpr.class).isPresent() || isSwitchLabel(literal)) {
                return FixerOutcome.refused("the value at line " + target.line() + " of " + context.path()
                        + " must stay a compile-time constant");
            }
            Range range = literal.getRange().orElseThrow();
            ReferenceNames.Choice env = ReferenceNames.choose(context, range.begin.line, target.ruleId(),
                    holderName(literal).orElse(null), ReferenceForm.JAVA);
            int start = regions.offset(range.begin.line, range.begin.column);
            int end = regions.offset(range.end.line, range.end.column) + 1;
            try {
                regions.replace(start, end, env.expression("System.getenv(\"%s\")"));
                names.add(env.name());
                notes.add(env.note());
            } catch (IllegalArgumentException sameLiteral) {
                // Two detections on one literal (e.g. a key found by two rules): one replacement covers both.
            }
        }
        String fixed = regions.apply();
        if (!parser().parse(fixed).isSuccessful()) {
            return FixerOutcome.refused("replacing the literal in " + context.path() + " would not parse");
        }
        return FixerOutcome.changed(fixed, "reads " + String.join(", ", names)
                + " from the environment instead of a hardcoded value", List.copyOf(notes));
    }

    private static JavaParser parser() {
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setTabSize(1));
    }

    /** The literal whose value is exactly the detected subject: on the detection's line first, else anywhere. */
    private static StringLiteralExpr locate(List<StringLiteralExpr> literals, Detection target) {
        List<StringLiteralExpr> exact = new ArrayList<>();
        for (StringLiteralExpr l : literals) {
            if (l.asString().equals(target.subject())) {
                exact.add(l);
            }
        }
        for (StringLiteralExpr l : exact) {
            Range r = l.getRange().orElse(null);
            if (r != null && r.begin.line <= target.line() && target.line() <= r.end.line) {
                return l;
            }
        }
        return exact.size() == 1 ? exact.get(0) : null;
    }

    private static boolean isSwitchLabel(StringLiteralExpr literal) {
        Optional<SwitchEntry> entry = literal.findAncestor(SwitchEntry.class);
        return entry.isPresent() && entry.get().getLabels().stream().anyMatch(l -> l.isAncestorOf(literal) || l == literal);
    }

    /** The variable, field or assignment target the literal initialises, if it is the whole value. */
    private static Optional<String> holderName(StringLiteralExpr literal) {
        Node parent = literal.getParentNode().orElse(null);
        if (parent instanceof VariableDeclarator v) {
            return Optional.of(v.getNameAsString());
        }
        if (parent instanceof AssignExpr a) {
            return Optional.of(a.getTarget().toString().replaceAll(".*\\.", ""));
        }
        return Optional.empty();
    }
}
