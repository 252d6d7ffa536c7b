package dev.holdfast.rules.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.support.SelfTesting;
import dev.holdfast.rules.support.RuleBook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.holdfast.rules.catalogue.KeywordIndex;

/**
 * Java source read with JavaParser: literals (or constants initialised with literals, in the same file) passed into
 * credential APIs listed in apis.yml, and literal secrets given to credential-named fields, variables, assignments,
 * annotation members and property keys. Every detection has property {@code ast=true}: the scan prefers it over a
 * regex finding on the same line and value, because the AST knows which argument is the secret.
 */
public final class JavaCredentialDetector implements Detector, SelfTesting {
    private static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/java/rules.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "^\\s*(\\$\\{.*}|#\\{.*}|\\{\\{.*}}|<[^>]*>|%[^%]+%|\\$[A-Z_][A-Z0-9_]*|\\*+|x+|X+)\\s*$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$");
    private static final Pattern PROPERTY_KEY = Pattern.compile("^[a-z][a-zA-Z0-9-]*(\\.[a-zA-Z0-9-]+)+$");
    /** "X-Auth-Token", "access_token", "bearer", "azurePasswordMaxDays": names of things, not secrets. */
    private static final Pattern WORDS = Pattern.compile("^([A-Za-z]+([-_.][A-Za-z]+)+|[a-z]+|[a-z]+([A-Z][a-z]+)+)$");
    /** Words only, separated by spaces or punctuation: "RSA PRIVATE KEY" for TYPE_RSA_PRIVATE_KEY is a label. */
    private static final Pattern LABEL = Pattern.compile("^[A-Za-z]+(?:[ _.-]+[A-Za-z]+)*$");
    /** A character class with a quantifier, a group construct, or an anchored pattern: a regular expression. */
    private static final Pattern REGEX = Pattern.compile("\\[[^\\]]{2,}](?:[+*?]|\\{\\d)|\\(\\?[<:=!]|^\\^.+\\$$");

    private final JavaApiCatalogue catalogue = JavaApiCatalogue.load();
    private final Pattern credentialName = Pattern.compile(catalogue.credentialNames());
    /**
     * Parsing is the expensive part, so a file is parsed only when it names a credential API (by its type, or by the
     * method when the API has no type: {@code create} or {@code load} alone say nothing) or gives a string literal to
     * an identifier that ends in a credential word on one line ({@code dbPassword = "…"}, {@code setPassword("…")},
     * {@code "apiKey", "…"}; not {@code Tokenizer("…")}). Constant flows start with such an assignment or end in such
     * an API.
     */
    private final List<String> apiTokens = catalogue.apis().stream().flatMap(a -> apiTokens(a).stream())
            .distinct().toList();
    private final Pattern literalToCredential = Pattern.compile(catalogue.credentialNames()
            + "\\b\"?\\s{0,5}(?:=|:|\\(|,)\\s{0,5}\"([^\"\\n]{3,200})\"");
    /** The credential names above in lower case, every separator spelled out; lines without one are never matched. */
    private static final List<String> NAME_STEMS = stems();

    private static List<String> stems() {
        List<String> out = new ArrayList<>(List.of("passw", "pwd", "secret", "token", "credential"));
        for (String pair : List.of("api key", "access key", "private key", "signing key", "conn string",
                "connection string")) {
            String[] w = pair.split(" ");
            for (String sep : List.of("", "_", ".", "-")) {
                out.add(w[0] + sep + w[1]);
            }
        }
        return List.copyOf(out);
    }

    /**
     * How an API shows in source: {@code Type.} (static calls, factories), {@code new Type}, and a declaration
     * {@code Type } for distinctive camel-case types (KeyStore, GitHubBuilder) — not for words such as "Algorithm" or
     * "Keys" that comments use too; an untyped call by its method name.
     */
    private static List<String> apiTokens(JavaApiCatalogue.Api a) {
        if (a.type() == null) {
            return List.of(a.method());
        }
        String t = a.type();
        long capitals = t.chars().filter(Character::isUpperCase).count();
        return capitals >= 2 && t.length() >= 8 ? List.of(t + ".", "new " + t, t + " ")
                : List.of(t + ".", "new " + t);
    }

    /** API tokens and credential stems in one automaton: one pass over a file decides whether to parse it. */
    private final KeywordIndex tokenIndex = new KeywordIndex(java.util.stream.Stream.concat(
            apiTokens.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)), NAME_STEMS.stream()).toList());

    /** Javadoc and line comments name APIs in prose and links; only code calls them. */
    private static boolean inCommentLine(String text, int index) {
        int i = text.lastIndexOf('\n', index) + 1;
        while (i < index && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.startsWith("*", i) || text.startsWith("//", i) || text.startsWith("/*", i);
    }

    private boolean worthParsing(String text) {
        boolean[] worth = {false};
        int[] checkedLineEnd = {-1};
        tokenIndex.scan(text, (id, endIndex) -> {
            if (worth[0]) {
                return;
            }
            for (String api : apiTokens) {
                if (endIndex + 1 >= api.length() && text.startsWith(api, endIndex + 1 - api.length())
                        && !inCommentLine(text, endIndex)) {
                    worth[0] = true;
                    return;
                }
            }
            if (endIndex <= checkedLineEnd[0]) {
                return;
            }
            int from = text.lastIndexOf('\n', endIndex) + 1;
            int to = text.indexOf('\n', endIndex);
            to = to < 0 ? text.length() : to;
            checkedLineEnd[0] = to;
            int quote = text.indexOf('"', from);
            if (quote >= 0 && quote < to) {
                Matcher m = literalToCredential.matcher(text.substring(from, to));
                while (m.find() && !worth[0]) {
                    // a sentence, a property key or an environment variable's name is not worth a parse
                    String v = m.group(m.groupCount());
                    worth[0] = v.indexOf(' ') < 0 && !PROPERTY_KEY.matcher(v).matches()
                            && !ENV_NAME.matcher(v).matches();
                }
            }
        });
        return worth[0];
    }

    /** APIs indexed by method name (calls) and type name (constructors): most calls match none, cheaply. */
    private final Map<String, List<JavaApiCatalogue.Api>> callsByMethod = index("call");
    private final Map<String, List<JavaApiCatalogue.Api>> creationsByType = index("new");

    private Map<String, List<JavaApiCatalogue.Api>> index(String kind) {
        Map<String, List<JavaApiCatalogue.Api>> out = new java.util.HashMap<>();
        for (JavaApiCatalogue.Api api : catalogue.apis()) {
            if (api.kind().equals(kind)) {
                out.computeIfAbsent(kind.equals("call") ? api.method() : api.type(), k -> new ArrayList<>()).add(api);
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "java-ast";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all();
    }

    /** Whether this detector reads a file at {@code path} (Java sources only). */
    public static boolean reads(String path) {
        return path.endsWith(".java");
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!reads(document.path())) {
            return List.of();
        }
        String text = document.text();
        if (!worthParsing(text)) {
            return List.of(); // parsing is the expensive part; most files have nothing to look at
        }
        ParserConfiguration config = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setAttributeComments(false);
        ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            // Problem messages quote source tokens, which may be the very secret: report only where it failed.
            String where = result.getProblems().stream().findFirst().flatMap(Problem::getLocation)
                    .flatMap(l -> l.getBegin().getRange()).map(r -> ":" + r.begin.line).orElse("");
            throw new DetectorException(document.path() + where + ": cannot parse Java source");
        }
        CompilationUnit cu = result.getResult().get();
        Scan scan = new Scan(cu);
        cu.findAll(MethodCallExpr.class).forEach(scan::call);
        cu.findAll(ObjectCreationExpr.class).forEach(scan::creation);
        cu.findAll(VariableDeclarator.class).forEach(scan::declarator);
        cu.findAll(AssignExpr.class).forEach(scan::assignment);
        cu.findAll(AnnotationExpr.class).forEach(scan::annotation);
        return scan.out;
    }

    /** One file's pass; remembers which literals were reported so a literal is reported once, API rules first. */
    private final class Scan {
        final CompilationUnit cu;
        final LiteralResolver resolver;
        final List<Detection> out = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Scan(CompilationUnit cu) {
            this.cu = cu;
            this.resolver = new LiteralResolver(cu, catalogue);
        }

        void call(MethodCallExpr m) {
            for (JavaApiCatalogue.Api api : callsByMethod.getOrDefault(m.getNameAsString(), List.of())) {
                if ((api.arity() == null || api.arity() == m.getArguments().size())
                        && (api.type() == null || receiverIs(m.getScope().orElse(null), api.type(), 0))) {
                    arguments(api, m.getArguments(), m);
                }
            }
            // props.put("db.password", "...") / System.setProperty("javax.net.ssl.keyStorePassword", "...")
            if (m.getArguments().size() == 2 && List.of("put", "setProperty", "addProperty", "set", "with",
                    "property").contains(m.getNameAsString()) && m.getArgument(0) instanceof StringLiteralExpr key
                    && credentialLike(lastSegment(key.asString()))) {
                named(key.asString(), m.getArgument(1), m);
            }
        }

        void creation(ObjectCreationExpr o) {
            for (JavaApiCatalogue.Api api : creationsByType.getOrDefault(o.getType().getNameAsString(), List.of())) {
                if (api.arity() == null || api.arity() == o.getArguments().size()) {
                    arguments(api, o.getArguments(), o);
                }
            }
        }

        void declarator(VariableDeclarator v) {
            if (v.getInitializer().isPresent() && credentialLike(v.getNameAsString())) {
                Expression init = v.getInitializer().get();
                // Only literals written right here: constants reached through names are reported where they are used.
                if (!(init instanceof NameExpr) && !(init instanceof FieldAccessExpr)) {
                    named(v.getNameAsString(), init, v);
                }
            }
        }

        void assignment(AssignExpr a) {
            String target = a.getTarget() instanceof NameExpr n ? n.getNameAsString()
                    : a.getTarget() instanceof FieldAccessExpr f ? f.getNameAsString() : null;
            if (target != null && credentialLike(target) && !(a.getValue() instanceof NameExpr)) {
                named(target, a.getValue(), a);
            }
        }

        void annotation(AnnotationExpr a) {
            if (a instanceof SingleMemberAnnotationExpr s && a.getNameAsString().equals("Value")) {
                // @Value("literal") on a credential-named field or parameter (placeholders are skipped by value)
                Optional<String> annotated = annotatedName(a);
                if (annotated.isPresent() && credentialLike(annotated.get())) {
                    named(annotated.get(), s.getMemberValue(), a);
                }
            }
            for (MemberValuePair p : a.findAll(MemberValuePair.class)) {
                if (credentialLike(p.getNameAsString())) {
                    named(p.getNameAsString(), p.getValue(), p);
                }
            }
        }

        private void arguments(JavaApiCatalogue.Api api, NodeList<Expression> args, Node call) {
            for (int idx : api.args()) {
                int i = idx < 0 ? args.size() + idx : idx;
                if (i < 0 || i >= args.size()) {
                    continue;
                }
                Optional<LiteralResolver.Literal> lit = resolver.resolve(args.get(i));
                if (lit.isEmpty() || blankOrPlaceholder(lit.get().value())
                        || catalogue.nonSecretValues().contains(lit.get().value().trim().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                report(api.rule(), "Hardcoded credential passed to " + api.label() + " (argument " + (i + 1) + ")"
                        + (lit.get().viaConstant() ? " through a constant" : ""), lit.get(), call, api.label());
            }
        }

        private void named(String name, Expression value, Node at) {
            Optional<LiteralResolver.Literal> lit = resolver.resolve(value);
            if (lit.isEmpty() || lit.get().viaConstant() || nonSecret(name, lit.get().value())) {
                return;
            }
            report("java-hardcoded-credential", "Literal secret assigned to credential-named '" + name + "'",
                    lit.get(), at, name);
        }

        private void report(String rule, String message, LiteralResolver.Literal lit, Node use, String api) {
            Position p = lit.at().getBegin().orElse(new Position(1, 1));
            if (!seen.add(p.line + ":" + p.column)) {
                return; // already reported at this literal (API rules run first and win)
            }
            Map<String, String> props = new LinkedHashMap<>();
            FindingProperty.AST.put(props, true);
            props.put("api", api);
            props.put("flow", lit.viaConstant() ? "constant" : "direct");
            use.getBegin().ifPresent(u -> props.put("usedAtLine", Integer.toString(u.line)));
            out.add(RULES.detection(rule, message, p.line, p.column, lit.value(), Redactor.redact(lit.value()), props));
        }

        /** Is the receiver expression of type {@code type}: the class itself, a builder chain, or a typed variable? */
        private boolean receiverIs(Expression scope, String type, int depth) {
            if (scope == null || depth > 12) {
                return false;
            }
            if (scope instanceof NameExpr n) {
                if (n.getNameAsString().equals(type)) {
                    return true;
                }
                Optional<VariableDeclarator> decl = declaration(n);
                if (decl.isPresent() && decl.get().getType().isVarType()) {
                    // var ks = KeyStore.getInstance(..) / var b = new GitHubBuilder(): judge by the initializer
                    return decl.get().getInitializer().map(i -> receiverIs(i, type, depth + 1)).orElse(false);
                }
                return declaredType(n).map(type::equals).orElse(false);
            }
            if (scope instanceof FieldAccessExpr f) {
                return f.getNameAsString().equals(type) || receiverIs(f.getScope(), type, depth + 1);
            }
            if (scope instanceof ObjectCreationExpr o) {
                return o.getType().getNameAsString().equals(type);
            }
            if (scope instanceof MethodCallExpr m) {
                return receiverIs(m.getScope().orElse(null), type, depth + 1);
            }
            return false;
        }

        /** The local variable or field declaration of this name in this file (nearest first). */
        private Optional<VariableDeclarator> declaration(NameExpr n) {
            String name = n.getNameAsString();
            Optional<CallableDeclaration> method = n.findAncestor(CallableDeclaration.class);
            if (method.isPresent()) {
                for (VariableDeclarator v : method.get().findAll(VariableDeclarator.class)) {
                    if (v.getNameAsString().equals(name)) {
                        return Optional.of(v);
                    }
                }
            }
            return cu.findAll(VariableDeclarator.class).stream().filter(v -> v.getNameAsString().equals(name))
                    .findFirst();
        }

        /** The simple type name a variable, parameter or field of this name is declared with, in this file. */
        private Optional<String> declaredType(NameExpr n) {
            String name = n.getNameAsString();
            Optional<CallableDeclaration> method = n.findAncestor(CallableDeclaration.class);
            if (method.isPresent()) {
                for (VariableDeclarator v : method.get().findAll(VariableDeclarator.class)) {
                    if (v.getNameAsString().equals(name)) {
                        return Optional.of(simple(v.getType().asString()));
                    }
                }
                for (Object o : method.get().getParameters()) {
                    Parameter p = (Parameter) o;
                    if (p.getNameAsString().equals(name)) {
                        return Optional.of(simple(p.getType().asString()));
                    }
                }
            }
            for (FieldDeclaration f : cu.findAll(FieldDeclaration.class)) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (v.getNameAsString().equals(name)) {
                        return Optional.of(simple(v.getType().asString()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<String> annotatedName(AnnotationExpr a) {
        Optional<Node> parent = a.getParentNode();
        if (parent.isPresent() && parent.get() instanceof FieldDeclaration f && !f.getVariables().isEmpty()) {
            return Optional.of(f.getVariable(0).getNameAsString());
        }
        if (parent.isPresent() && parent.get() instanceof Parameter p) {
            return Optional.of(p.getNameAsString());
        }
        return Optional.empty();
    }

    private static String simple(String type) {
        String t = type.replaceAll("<.*>", "");
        int dot = t.lastIndexOf('.');
        return dot < 0 ? t : t.substring(dot + 1);
    }

    private static String lastSegment(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /** A credential-like name whose last word does not say it holds a name, URL, header... */
    boolean credentialLike(String name) {
        if (!credentialName.matcher(name).find()) {
            return false;
        }
        String[] words = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        return words.length == 0 || !catalogue.nonCredentialSuffixes().contains(words[words.length - 1]);
    }

    private static List<String> nameWords(String name) {
        return List.of(name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
    }

    private static boolean blankOrPlaceholder(String v) {
        return v.isBlank() || PLACEHOLDER.matcher(v).matches();
    }

    /** Values next to a credential name that are not secrets: placeholders, keys, env names, examples, prose. */
    boolean nonSecret(String name, String value) {
        String v = value.trim();
        if (blankOrPlaceholder(v) || v.length() < 6 || v.contains("${")) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (catalogue.nonSecretValues().contains(lower)) {
            return true;
        }
        String norm = lower.replaceAll("[^a-z0-9]", "");
        if (norm.equals(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))) {
            return true;
        }
        if (LABEL.matcher(v).matches() && nameWords(name).containsAll(List.of(lower.split("[ _.-]+")))) {
            return true; // TYPE_RSA_PRIVATE_KEY = "RSA PRIVATE KEY": the value names what the constant is
        }
        return REGEX.matcher(v).find() || ENV_NAME.matcher(v).matches() || PROPERTY_KEY.matcher(v).matches() || WORDS.matcher(v).matches()
                || v.split("\\s+").length > 3
                || lower.startsWith("http://") || lower.startsWith("https://");
    }

    @Override
    public RuleTestReport testRules() {
        return RULES.test(this);
    }
}
