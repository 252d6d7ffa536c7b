package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.support.TextPositions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A small recursive-descent reader for Terraform's HCL native syntax that keeps line numbers. It models the block /
 * attribute structure and literal values (strings, heredocs, numbers, booleans, objects, tuples, function calls) and
 * keeps every other expression as raw text.
 *
 * <p>Why not a library: hcl4j (com.bertramlabs.plugins:hcl4j 0.9.4, the only Java HCL2 parser on Maven Central)
 * resolves, but its public API returns evaluated maps without positions, it evaluates functions and data lookups
 * (it ships an HTTP client for them) and fails on references it cannot resolve; findings need lines and the raw
 * expressions (e.g. {@code data.azurerm_subscription.current.id}), so reading the syntax is both smaller and safer.
 */
public final class HclParser {
    private enum Ctx { BODY, OBJECT, LIST, ARGS }

    private final String s;
    private final String path;
    private final TextPositions positions;
    private int p;

    private HclParser(String text, String path) {
        this.s = text;
        this.path = path;
        this.positions = new TextPositions(text);
    }

    /** Parses a whole file; malformed syntax throws {@link DetectorException} naming the file and line. */
    public static HclBody parse(String text, String path) {
        HclParser parser = new HclParser(text.replace("\r\n", "\n"), path);
        try {
            return parser.body(false);
        } catch (StringIndexOutOfBoundsException e) {
            throw parser.error("unexpected end of file");
        }
    }

    private HclBody body(boolean nested) {
        List<HclBody.Attribute> attributes = new ArrayList<>();
        List<HclBody.Block> blocks = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (eof()) {
                if (nested) {
                    throw error("block is not closed");
                }
                return new HclBody(attributes, blocks);
            }
            char c = s.charAt(p);
            if (c == '}') {
                if (!nested) {
                    throw error("unexpected '}'");
                }
                p++;
                return new HclBody(attributes, blocks);
            }
            if (!identStart(c)) {
                throw error("expected an attribute or a block, found '" + c + "'");
            }
            int start = p;
            String name = ident();
            skipSpace(false);
            if (peek('=') && !peek("==")) {
                p++;
                skipSpace(false);
                HclValue v = expr(Ctx.BODY);
                attributes.add(new HclBody.Attribute(name, v, line(start), column(start)));
                skipSpace(false);
                if (peek('#') || peek("//")) {
                    skipComment();
                }
                if (!eof() && s.charAt(p) != '\n' && s.charAt(p) != '}') {
                    throw error("expected a new line after attribute '" + name + "'");
                }
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (!eof() && (peek('"') || identStart(s.charAt(p)))) {
                labels.add(peek('"') ? ((HclValue.Str) string()).text() : ident());
                skipSpace(false);
            }
            if (!peek('{')) {
                throw error("expected '{' after block '" + name + "'");
            }
            p++;
            HclBody inner = body(true);
            blocks.add(new HclBody.Block(name, List.copyOf(labels), inner, line(start), column(start)));
        }
    }

    private HclValue expr(Ctx ctx) {
        skipSpace(ctx == Ctx.LIST || ctx == Ctx.ARGS);
        int start = p;
        HclValue v = primary();
        skipSpace(ctx == Ctx.LIST || ctx == Ctx.ARGS);
        if (atTerminator(ctx)) {
            return v;
        }
        // An operator, conditional or index follows: keep the whole expression as raw text.
        rawUntil(ctx);
        return new HclValue.Expr(s.substring(start, p).trim(), line(start), column(start));
    }

    private HclValue primary() {
        if (eof()) {
            throw error("expected a value");
        }
        int start = p;
        char c = s.charAt(p);
        if (c == '"') {
            return string();
        }
        if (peek("<<")) {
            return heredoc();
        }
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return tuple();
        }
        if (Character.isDigit(c) || (c == '-' && p + 1 < s.length() && Character.isDigit(s.charAt(p + 1)))) {
            p++;
            while (!eof() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '.')) {
                p++;
            }
            return new HclValue.Num(s.substring(start, p), line(start), column(start));
        }
        if (identStart(c)) {
            String name = ident();
            if (peek('(')) {
                return call(name, start);
            }
            switch (name) {
                case "true", "false" -> {
                    return new HclValue.Bool(name.equals("true"), line(start), column(start));
                }
                case "null" -> {
                    return new HclValue.Null(line(start), column(start));
                }
                default -> {
                }
            }
            // A reference: a.b.c, a[0].b, a.*.b
            while (!eof() && (peek('.') || peek('['))) {
                if (peek('[')) {
                    skipBalanced();
                } else {
                    p++;
                    if (peek('*')) {
                        p++;
                    } else {
                        ident();
                    }
                }
            }
            return new HclValue.Expr(s.substring(start, p), line(start), column(start));
        }
        if (c == '(') {
            skipBalanced();
            return new HclValue.Expr(s.substring(start, p), line(start), column(start));
        }
        if (c == '!' || c == '-') {
            p++;
            primary();
            return new HclValue.Expr(s.substring(start, p), line(start), column(start));
        }
        throw error("unexpected '" + c + "'");
    }

    private HclValue call(String name, int start) {
        p++; // (
        List<HclValue> args = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (peek(')')) {
                p++;
                break;
            }
            args.add(expr(Ctx.ARGS));
            skipSpace(true);
            if (peek("...")) {
                p += 3;
                skipSpace(true);
            }
            if (peek(',')) {
                p++;
            } else if (!peek(')')) {
                throw error("expected ',' or ')' in call to " + name);
            }
        }
        return new HclValue.Call(name, args, line(start), column(start));
    }

    private HclValue object() {
        int start = p;
        p++; // {
        skipSpace(true);
        if (peekWord("for")) {
            p = start;
            skipBalanced();
            return new HclValue.Expr(s.substring(start, p), line(start), column(start));
        }
        LinkedHashMap<String, HclValue> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace(true);
            if (peek(',')) {
                p++;
                continue;
            }
            if (peek('}')) {
                p++;
                return new HclValue.Obj(entries, line(start), column(start));
            }
            String key;
            if (peek('"')) {
                key = ((HclValue.Str) string()).text();
            } else if (peek('(')) {
                int k = p;
                skipBalanced();
                key = s.substring(k, p);
            } else if (!eof() && identStart(s.charAt(p))) {
                int k = p;
                ident();
                while (peek('.')) {
                    p++;
                    ident();
                }
                key = s.substring(k, p);
            } else {
                throw error("expected an object key");
            }
            skipSpace(false);
            if (!peek('=') && !peek(':')) {
                throw error("expected '=' or ':' after object key '" + key + "'");
            }
            p++;
            skipSpace(false);
            entries.put(key, expr(Ctx.OBJECT));
        }
    }

    private HclValue tuple() {
        int start = p;
        p++; // [
        skipSpace(true);
        if (peekWord("for")) {
            p = start;
            skipBalanced();
            return new HclValue.Expr(s.substring(start, p), line(start), column(start));
        }
        List<HclValue> items = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (peek(']')) {
                p++;
                return new HclValue.Tuple(items, line(start), column(start));
            }
            items.add(expr(Ctx.LIST));
            skipSpace(true);
            if (peek(',')) {
                p++;
            } else if (!peek(']')) {
                throw error("expected ',' or ']' in list");
            }
        }
    }

    private HclValue string() {
        int start = p;
        p++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (eof() || s.charAt(p) == '\n') {
                throw error("string is not closed", start);
            }
            char c = s.charAt(p);
            if (c == '"') {
                p++;
                return new HclValue.Str(sb.toString(), line(start), column(start));
            }
            if (c == '\\' && p + 1 < s.length()) {
                char e = s.charAt(p + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
                p += 2;
                continue;
            }
            if ((c == '$' || c == '%') && p + 1 < s.length() && s.charAt(p + 1) == '{') {
                int t = p;
                p++;
                skipBalanced();
                sb.append(s, t, p);
                continue;
            }
            sb.append(c);
            p++;
        }
    }

    private HclValue heredoc() {
        int start = p;
        p += 2;
        if (peek('-')) {
            p++;
        }
        String marker = ident();
        int eol = s.indexOf('\n', p);
        if (eol < 0) {
            throw error("heredoc <<" + marker + " has no body", start);
        }
        int contentStart = eol + 1;
        int lineStart = contentStart;
        while (lineStart < s.length()) {
            int end = s.indexOf('\n', lineStart);
            if (end < 0) {
                end = s.length();
            }
            if (s.substring(lineStart, end).trim().equals(marker)) {
                p = lineStart + s.substring(lineStart, end).indexOf(marker) + marker.length();
                String body = s.substring(contentStart, lineStart);
                return new HclValue.Str(body, line(contentStart), 1);
            }
            lineStart = end + 1;
        }
        throw error("heredoc <<" + marker + " is not closed", start);
    }

    /** Skips a bracketed group starting at the current bracket, honouring strings, heredocs and comments. */
    private void skipBalanced() {
        int start = p;
        int depth = 0;
        while (!eof()) {
            char c = s.charAt(p);
            if (c == '"') {
                string();
                continue;
            }
            if (peek("<<") && p + 2 < s.length() && (identStart(s.charAt(p + 2)) || s.charAt(p + 2) == '-')) {
                heredoc();
                continue;
            }
            if (c == '#' || peek("//") || peek("/*")) {
                skipComment();
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    p++;
                    return;
                }
            }
            p++;
        }
        throw error("bracket is not closed", start);
    }

    private void rawUntil(Ctx ctx) {
        while (!eof() && !atTerminator(ctx)) {
            char c = s.charAt(p);
            if (c == '"') {
                string();
            } else if (c == '(' || c == '[' || c == '{') {
                skipBalanced();
            } else if (peek("<<") && p + 2 < s.length() && (identStart(s.charAt(p + 2)) || s.charAt(p + 2) == '-')) {
                heredoc();
            } else {
                p++;
            }
        }
    }

    private boolean atTerminator(Ctx ctx) {
        if (eof()) {
            return true;
        }
        char c = s.charAt(p);
        return switch (ctx) {
            case BODY -> c == '\n' || c == '}' || c == '#' || peek("//");
            case OBJECT -> c == '\n' || c == ',' || c == '}' || c == '#' || peek("//");
            case LIST -> c == ',' || c == ']';
            case ARGS -> c == ',' || c == ')' || peek("...");
        };
    }

    /** Skips blanks and comments; new lines too when {@code newlines}. A line comment stops before its new line. */
    private void skipSpace(boolean newlines) {
        while (!eof()) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                p++;
            } else if (c == '#' || peek("//")) {
                if (!newlines) {
                    return;
                }
                skipComment();
            } else if (peek("/*")) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        if (peek("/*")) {
            int end = s.indexOf("*/", p + 2);
            if (end < 0) {
                throw error("comment is not closed");
            }
            p = end + 2;
        } else {
            int end = s.indexOf('\n', p);
            p = end < 0 ? s.length() : end;
        }
    }

    private String ident() {
        int start = p;
        if (eof() || !identStart(s.charAt(p))) {
            throw error("expected a name");
        }
        while (!eof() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == '-')) {
            p++;
        }
        return s.substring(start, p);
    }

    private static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private boolean peekWord(String w) {
        return s.startsWith(w, p) && p + w.length() < s.length() && !Character.isLetterOrDigit(s.charAt(p + w.length()));
    }

    private boolean peek(char c) {
        return p < s.length() && s.charAt(p) == c;
    }

    private boolean peek(String t) {
        return s.startsWith(t, p);
    }

    private boolean eof() {
        return p >= s.length();
    }

    private int line(int offset) {
        return positions.line(offset);
    }

    private int column(int offset) {
        return positions.column(offset);
    }

    private DetectorException error(String what) {
        return error(what, Math.min(p, Math.max(s.length() - 1, 0)));
    }

    private DetectorException error(String what, int at) {
        return new DetectorException(path + ":" + line(at) + ": cannot read Terraform: " + what);
    }
}
