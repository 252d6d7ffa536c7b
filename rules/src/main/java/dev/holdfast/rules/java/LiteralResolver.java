package dev.holdfast.rules.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;

import java.util.List;
import java.util.Optional;

/**
 * Follows an expression back to string literals within one file: literals, concatenations of literals,
 * {@code "x".toCharArray()} / {@code getBytes()} and similar pass-throughs, and names of final fields or local
 * variables initialised with such an expression and never reassigned. Nothing crosses the file.
 */
final class LiteralResolver {
    /** The literal value and the node of the (first) literal it came from; {@code viaConstant} when a name was followed. */
    record Literal(String value, Node at, boolean viaConstant) {
    }

    private static final int MAX_DEPTH = 8;

    private final CompilationUnit cu;
    private final JavaApiCatalogue catalogue;

    LiteralResolver(CompilationUnit cu, JavaApiCatalogue catalogue) {
        this.cu = cu;
        this.catalogue = catalogue;
    }

    Optional<Literal> resolve(Expression e) {
        return resolve(e, 0);
    }

    private Optional<Literal> resolve(Expression e, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(new Literal(s.asString(), s, false));
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(new Literal(t.asString(), t, false));
        }
        if (e instanceof EnclosedExpr en) {
            return resolve(en.getInner(), depth + 1);
        }
        if (e instanceof CastExpr c) {
            return resolve(c.getExpression(), depth + 1);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<Literal> l = resolve(b.getLeft(), depth + 1);
            Optional<Literal> r = resolve(b.getRight(), depth + 1);
            if (l.isPresent() && r.isPresent()) {
                return Optional.of(new Literal(l.get().value() + r.get().value(), l.get().at(),
                        l.get().viaConstant() || r.get().viaConstant()));
            }
            return Optional.empty();
        }
        if (e instanceof MethodCallExpr m) {
            if (m.getScope().isPresent() && m.getArguments().size() <= 1
                    && catalogue.passThroughOnReceiver().contains(m.getNameAsString())) {
                return resolve(m.getScope().get(), depth + 1);
            }
            if (m.getArguments().size() == 1 && catalogue.passThroughOnArgument().contains(m.getNameAsString())) {
                return resolve(m.getArgument(0), depth + 1);
            }
            return Optional.empty();
        }
        if (e instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("String")
                && o.getArguments().size() >= 1) {
            return resolve(o.getArgument(0), depth + 1);
        }
        if (e instanceof NameExpr n) {
            return constant(n.getNameAsString(), e, depth);
        }
        if (e instanceof FieldAccessExpr f && (f.getScope() instanceof ThisExpr || f.getScope() instanceof NameExpr)) {
            return field(f.getNameAsString(), depth);
        }
        return Optional.empty();
    }

    /** A local variable in the enclosing method (never reassigned), else a final field of this file. */
    private Optional<Literal> constant(String name, Node use, int depth) {
        Optional<CallableDeclaration> method = use.findAncestor(CallableDeclaration.class);
        if (method.isPresent()) {
            for (VariableDeclarationExpr decl : method.get().findAll(VariableDeclarationExpr.class)) {
                for (VariableDeclarator v : decl.getVariables()) {
                    if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()) {
                        if (reassigned(method.get(), name)) {
                            return Optional.empty();
                        }
                        return resolve(v.getInitializer().get(), depth + 1).map(LiteralResolver::viaConstant);
                    }
                }
            }
            boolean parameter = method.get().getParameters().stream()
                    .anyMatch(p -> ((com.github.javaparser.ast.body.Parameter) p).getNameAsString().equals(name));
            if (parameter) {
                return Optional.empty();
            }
        }
        return field(name, depth);
    }

    private Optional<Literal> field(String name, int depth) {
        for (FieldDeclaration f : cu.findAll(FieldDeclaration.class)) {
            if (!f.isFinal()) {
                continue;
            }
            for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()) {
                    return resolve(v.getInitializer().get(), depth + 1).map(LiteralResolver::viaConstant);
                }
            }
        }
        return Optional.empty();
    }

    private static Literal viaConstant(Literal l) {
        return new Literal(l.value(), l.at(), true);
    }

    private static boolean reassigned(Node scope, String name) {
        List<AssignExpr> assigns = scope.findAll(AssignExpr.class);
        return assigns.stream().anyMatch(a -> a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(name));
    }
}
