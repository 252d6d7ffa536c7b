package dev.holdfast.scanner.baseline.place;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;

import java.util.ArrayList;
import java.util.List;

/**
 * Java through JavaParser: a value's place is what it is assigned to. A field is {@code Type.FIELD} (nested types
 * joined with dots), a local variable {@code Type.method.name}, an assignment its target ({@code this.apiKey = …} is
 * the field {@code Type.apiKey}), and an argument of a call or constructor the callee and position
 * ({@code Type.client.BasicAWSCredentials#1}) inside the place that holds the call.
 */
final class JavaPlaces {
    private final Claims claims;

    private JavaPlaces(Claims claims) {
        this.claims = claims;
    }

    static void index(String text, Claims claims) {
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false)).parse(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new IllegalArgumentException("not Java");
        }
        new JavaPlaces(claims).visit(parsed.getResult().get());
    }

    private void visit(CompilationUnit unit) {
        for (VariableDeclarator v : unit.findAll(VariableDeclarator.class)) {
            if (v.getInitializer().isEmpty()) {
                continue;
            }
            boolean field = v.getParentNode().orElse(null) instanceof FieldDeclaration;
            String place = field ? join(type(v), v.getNameAsString())
                    : join(join(type(v), callable(v)), v.getNameAsString());
            claimFrom(v.getName(), v.getInitializer().get(), place);
            arguments(v.getInitializer().get(), place);
        }
        for (AssignExpr a : unit.findAll(AssignExpr.class)) {
            String place = assignee(a);
            claimFrom(a.getTarget(), a.getValue(), place);
            arguments(a.getValue(), place);
        }
    }

    /** Arguments of the calls inside a holder's value that span their own lines. */
    private void arguments(Expression value, String holder) {
        List<Node> calls = new ArrayList<>();
        calls.addAll(value.findAll(MethodCallExpr.class));
        calls.addAll(value.findAll(ObjectCreationExpr.class));
        for (Node call : calls) {
            String callee = call instanceof MethodCallExpr m ? m.getNameAsString()
                    : ((ObjectCreationExpr) call).getType().getNameAsString();
            @SuppressWarnings("unchecked")
            List<Expression> args = ((NodeWithArguments<Expression>) call).getArguments();
            for (int i = 0; i < args.size(); i++) {
                Range r = args.get(i).getRange().orElse(null);
                if (r != null) {
                    claims.claim(r.begin.line, r.end.line, holder + "/" + callee + "#" + i, depth(args.get(i)));
                }
            }
        }
    }

    private void claimFrom(Node start, Expression value, String place) {
        Range s = start.getRange().orElse(null);
        Range v = value.getRange().orElse(null);
        if (s != null && v != null) {
            claims.claim(s.begin.line, v.end.line, place, depth(start));
        }
    }

    /** A field assigned through {@code this.x} is the field; anything else is a target inside its method. */
    private static String assignee(AssignExpr a) {
        Expression target = a.getTarget();
        if (target instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            return join(type(a), f.getNameAsString());
        }
        return join(join(type(a), callable(a)), target.toString().replaceAll("\\s+", ""));
    }

    private static String type(Node n) {
        List<String> names = new ArrayList<>();
        Node p = n.getParentNode().orElse(null);
        while (p != null) {
            if (p instanceof TypeDeclaration<?> t) {
                names.add(0, t.getNameAsString());
            }
            p = p.getParentNode().orElse(null);
        }
        return String.join(".", names);
    }

    private static String callable(Node n) {
        Node p = n.getParentNode().orElse(null);
        while (p != null && !(p instanceof TypeDeclaration<?>)) {
            if (p instanceof ConstructorDeclaration) {
                return "<init>";
            }
            if (p instanceof CallableDeclaration<?> c) {
                return c.getNameAsString();
            }
            if (p instanceof InitializerDeclaration i) {
                return i.isStatic() ? "<clinit>" : "<init>";
            }
            p = p.getParentNode().orElse(null);
        }
        return "";
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
            d++;
        }
        return d;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
    }
}
