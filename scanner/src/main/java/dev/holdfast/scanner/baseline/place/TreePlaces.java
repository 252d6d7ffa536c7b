package dev.holdfast.scanner.baseline.place;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YAML and JSON through snakeyaml's node tree, which keeps line marks. A key's place is the path of keys above it;
 * a sequence item is named by what identifies it rather than by its position, so inserting or reordering items
 * does not move the others: a step by its {@code name}, {@code id} or {@code uses}, a policy statement by its
 * {@code Sid}, a compose {@code environment} entry {@code KEY=value} by its KEY, any other scalar item by its value
 * (an action in a policy's {@code Action} list); items that share an identity, and other items, by their index.
 */
final class TreePlaces {
    /** Keys that name a sequence item, in order of preference. */
    private static final List<String> ITEM_KEYS = List.of("name", "id", "Sid", "uses", "key");
    private static final Pattern ENV_ITEM = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*)=");
    private static final int MAX_DEPTH = 200;

    private final Claims claims;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private TreePlaces(Claims claims) {
        this.claims = claims;
    }

    static void index(String text, Claims claims) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(20 * 1024 * 1024);
        // Tabs indent JSON, which YAML refuses; one space each keeps every line and column where it was.
        List<Node> docs = new ArrayList<>();
        for (Node doc : new Yaml(options).composeAll(new StringReader(text.replace('\t', ' ')))) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        TreePlaces walker = new TreePlaces(claims);
        for (int i = 0; i < docs.size(); i++) {
            walker.walk(docs.get(i), docs.size() == 1 ? "" : "doc[" + i + "]", 0);
        }
    }

    private void walk(Node node, String path, int depth) {
        if (depth > MAX_DEPTH || !visited.add(node)) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String p = join(path, key.getValue());
                Node value = t.getValueNode();
                if (value instanceof ScalarNode) {
                    claims.claim(line(key), lastLine(value), p, depth);
                } else {
                    claims.claim(line(key), line(key), p, depth);
                    walk(value, p, depth + 1);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            List<String> ids = itemIds(seq.getValue());
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String p = path + "[" + ids.get(i) + "]";
                if (item instanceof ScalarNode) {
                    claims.claim(line(item), lastLine(item), p, depth);
                } else {
                    walk(item, p, depth + 1);
                }
            }
        }
    }

    /** An identity for each item; an identity two items share falls back to the items' positions. */
    private static List<String> itemIds(List<Node> items) {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node item : items) {
            String id = itemId(item);
            ids.add(id);
            if (id != null) {
                seen.merge(id, 1, Integer::sum);
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || seen.get(ids.get(i)) > 1) {
                ids.set(i, Integer.toString(i));
            }
        }
        return ids;
    }

    private static String itemId(Node item) {
        if (item instanceof ScalarNode s) {
            Matcher m = ENV_ITEM.matcher(s.getValue());
            return m.find() ? m.group(1) : s.getValue().isBlank() ? null : "=" + s.getValue();
        }
        if (item instanceof MappingNode map) {
            for (String k : ITEM_KEYS) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(k)
                            && t.getValueNode() instanceof ScalarNode v) {
                        return k + "=" + v.getValue();
                    }
                }
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    /** The last line a scalar occupies (a block scalar's end mark sits at the start of the line after it). */
    private static int lastLine(Node n) {
        int end = n.getEndMark().getLine() + 1;
        if (n.getEndMark().getColumn() == 0 && end > line(n)) {
            end--;
        }
        return end;
    }
}
