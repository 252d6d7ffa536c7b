package dev.holdfast.scanner.baseline.place;

import dev.holdfast.rules.iac.HclBody;
import dev.holdfast.rules.iac.HclParser;
import dev.holdfast.rules.iac.HclValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform through the rules' HCL reader: an attribute's place is its block address and name
 * ({@code provider.aws.access_key}, {@code resource.aws_db_instance.main.password}); object keys extend it
 * ({@code ...environment.variables.API_KEY}), including the policy objects inside {@code jsonencode(...)}, whose
 * statements are named by their {@code Sid} when they have one and whose string items (actions) by their value.
 */
final class HclPlaces {
    private final Claims claims;

    private HclPlaces(Claims claims) {
        this.claims = claims;
    }

    static void index(String text, String path, Claims claims) {
        new HclPlaces(claims).body(HclParser.parse(text, path), "", 0);
    }

    private void body(HclBody body, String prefix, int depth) {
        for (HclBody.Attribute a : body.attributes()) {
            String p = prefix + a.name();
            claims.claim(a.line(), lastLine(a.value()), p, depth);
            value(a.value(), p, depth + 1);
        }
        Map<String, Integer> count = new HashMap<>();
        body.blocks().forEach(b -> count.merge(name(b), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        for (HclBody.Block b : body.blocks()) {
            String name = name(b);
            int i = seen.merge(name, 1, Integer::sum) - 1;
            String p = prefix + name + (count.get(name) > 1 ? "[" + i + "]" : "");
            claims.claim(b.line(), b.line(), p, depth);
            body(b.body(), p + ".", depth + 1);
        }
    }

    private void value(HclValue v, String p, int depth) {
        if (v instanceof HclValue.Obj o) {
            for (Map.Entry<String, HclValue> e : o.entries().entrySet()) {
                String q = p + "." + e.getKey();
                claims.claim(e.getValue().line(), lastLine(e.getValue()), q, depth);
                value(e.getValue(), q, depth + 1);
            }
        } else if (v instanceof HclValue.Tuple t) {
            List<HclValue> items = t.items();
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                ids.merge(itemId(items.get(i), i), 1, Integer::sum);
            }
            for (int i = 0; i < items.size(); i++) {
                HclValue item = items.get(i);
                String id = itemId(item, i);
                String q = p + "[" + (ids.get(id) > 1 ? Integer.toString(i) : id) + "]";
                if (!(item instanceof HclValue.Obj)) {
                    claims.claim(item.line(), lastLine(item), q, depth);
                }
                value(item, q, depth + 1);
            }
        } else if (v instanceof HclValue.Call c) {
            // jsonencode({...}), merge(...): the call is transparent, its arguments are the value.
            for (HclValue arg : c.args()) {
                value(arg, p, depth);
            }
        }
    }

    private static String itemId(HclValue item, int index) {
        if (item instanceof HclValue.Obj o && o.get("Sid") instanceof HclValue.Str s) {
            return "Sid=" + s.text();
        }
        if (item instanceof HclValue.Str s && !s.text().isBlank()) {
            return "=" + s.text();
        }
        return Integer.toString(index);
    }

    private static String name(HclBody.Block b) {
        return b.labels().isEmpty() ? b.type() : b.type() + "." + String.join(".", b.labels());
    }

    /** The last line a value reaches, as far as its parts carry lines. */
    private static int lastLine(HclValue v) {
        int last = v.line();
        if (v instanceof HclValue.Obj o) {
            for (HclValue e : o.entries().values()) {
                last = Math.max(last, lastLine(e));
            }
        } else if (v instanceof HclValue.Tuple t) {
            for (HclValue e : t.items()) {
                last = Math.max(last, lastLine(e));
            }
        } else if (v instanceof HclValue.Call c) {
            for (HclValue e : c.args()) {
                last = Math.max(last, lastLine(e));
            }
        }
        return last;
    }
}
