package dev.holdfast.rules.iac;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A Terraform expression as far as the detectors need it: literals, objects and tuples are structured; references,
 * operators and everything else are kept as raw text ({@link Expr}). Lines and columns are 1-based.
 */
public sealed interface HclValue {
    int line();

    int column();

    /** A quoted string or heredoc; {@code text} keeps {@code ${...}} interpolations verbatim. */
    record Str(String text, int line, int column) implements HclValue {
    }

    record Num(String text, int line, int column) implements HclValue {
    }

    record Bool(boolean value, int line, int column) implements HclValue {
    }

    record Null(int line, int column) implements HclValue {
    }

    /** An object; keys in source order, each with its value (which carries the value's own line). */
    record Obj(LinkedHashMap<String, HclValue> entries, int line, int column) implements HclValue {
        public HclValue get(String key) {
            return entries.get(key);
        }
    }

    record Tuple(List<HclValue> items, int line, int column) implements HclValue {
    }

    record Call(String name, List<HclValue> args, int line, int column) implements HclValue {
    }

    /** Anything not modelled: a reference ({@code aws_iam_role.x.arn}), an operator expression, a for expression. */
    record Expr(String raw, int line, int column) implements HclValue {
    }

    /** The text of a string or raw expression, else null. */
    static String text(HclValue v) {
        if (v instanceof Str s) {
            return s.text();
        }
        if (v instanceof Expr e) {
            return e.raw();
        }
        if (v instanceof Num n) {
            return n.text();
        }
        if (v instanceof Bool b) {
            return Boolean.toString(b.value());
        }
        return null;
    }
}
