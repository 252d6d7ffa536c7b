package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Adds holdfast's entry to a coding agent's project hook configuration (its own group, after the user's), and takes
 * exactly that away again: the previous bytes when nothing else changed since, else only holdfast's entry. A file with
 * comments is never rewritten (its comments would be lost): the entry to add by hand is printed instead.
 */
public final class AgentHookInstaller {
    /** What every command holdfast writes contains, so that its entries are found again. */
    static final String MARKER = "hooks run --agent ";

    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private AgentHookInstaller() {
    }

    /**
     * @param command the shell command the agent runs ({@code … hooks run --agent ID …})
     */
    public static GitHookInstaller.Installed install(AgentTool tool, Path workTree, boolean shared, String command)
            throws IOException {
        String rel = shared && tool.sharedConfig() != null ? tool.sharedConfig() : tool.config();
        Path file = workTree.resolve(rel);
        byte[] before = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        ObjectNode root = before == null ? tool.root().deepCopy() : parse(file, before, tool, command);
        if (mentionsHoldfast(root, tool)) {
            throw new HookException(rel + " already runs holdfast for " + tool.name()
                    + " (run `holdfast hooks uninstall` first)", true);
        }
        add(root, tool, command);
        List<String> created = before == null ? FileEdits.createParents(file) : null;
        byte[] written = render(root);
        FileEdits.write(file, written, before == null ? null : FileEdits.mode(file));
        InstallManifest.Entry e = new InstallManifest.Entry("agent", tool.id(), file.toString(), "edited",
                FileEdits.base64(before), before == null ? null : FileEdits.mode(file), FileEdits.sha256(written),
                null, created);
        return new GitHookInstaller.Installed(e, tool.name() + ": " + tool.event() + " hook"
                + (tool.matcher() == null ? "" : " on " + tool.matcher()) + " added to " + rel);
    }

    public static String uninstall(InstallManifest.Entry e) throws IOException {
        Path file = Path.of(e.path());
        AgentTool tool = AgentTool.byId(e.name());
        if (!Files.isRegularFile(file)) {
            return tool.name() + ": " + file + " is gone; nothing to remove";
        }
        byte[] now = Files.readAllBytes(file);
        if (FileEdits.sha256(now).equals(e.written())) {
            if (e.before() == null) {
                Files.delete(file);
                FileEdits.removeCreated(e.createdDirs());
                return tool.name() + ": removed " + file;
            }
            FileEdits.write(file, FileEdits.unbase64(e.before()), e.mode());
            return tool.name() + ": restored " + file + " as it was";
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(now);
        } catch (IOException ex) {
            throw new HookException(file + " was edited since install and is no longer plain JSON: remove the entry "
                    + "whose command contains '" + MARKER + tool.id() + "' by hand", true);
        }
        if (!(tree instanceof ObjectNode root) || !remove(root, tool)) {
            return tool.name() + ": " + file + " no longer has holdfast's entry; left as it is";
        }
        FileEdits.write(file, render(root), FileEdits.mode(file));
        return tool.name() + ": removed holdfast's entry from " + file + ", which was edited since; the rest is kept";
    }

    /** The entry, for a file holdfast will not rewrite. */
    static String entryJson(AgentTool tool, String command) throws IOException {
        ObjectNode root = tool.root().deepCopy();
        add(root, tool, command);
        return STRICT.writeValueAsString(root);
    }

    private static ObjectNode parse(Path file, byte[] bytes, AgentTool tool, String command) throws IOException {
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (IOException strict) {
            try {
                LENIENT.readTree(bytes);
            } catch (IOException lenient) {
                throw new HookException(file + " is not valid JSON; fix it, then install again", true);
            }
            throw new HookException(file + " has comments or trailing commas, which rewriting would lose: add "
                    + entryJson(tool, command) + " to it by hand", true);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return tool.root().deepCopy();
        }
        if (!(tree instanceof ObjectNode o)) {
            throw new HookException(file + " is not a JSON object", true);
        }
        if (o.has("hooks") && !o.get("hooks").isObject()) {
            throw new HookException(file + ": \"hooks\" is not an object", true);
        }
        return o;
    }

    private static void add(ObjectNode root, AgentTool tool, String command) {
        ObjectNode hooks = root.has("hooks") ? (ObjectNode) root.get("hooks") : root.putObject("hooks");
        JsonNode existing = hooks.get(tool.event());
        ArrayNode list = existing instanceof ArrayNode a ? a : hooks.putArray(tool.event());
        ObjectNode handler = tool.handler().deepCopy();
        handler.put("command", command);
        if (tool.matcher() == null) {
            list.add(handler);
        } else {
            ObjectNode group = list.addObject();
            group.put("matcher", tool.matcher());
            group.putArray("hooks").add(handler);
        }
    }

    /** Removes every handler whose command is holdfast's, and the groups and lists that leaves empty. */
    private static boolean remove(ObjectNode root, AgentTool tool) {
        JsonNode hooks = root.get("hooks");
        if (!(hooks instanceof ObjectNode h) || !(h.get(tool.event()) instanceof ArrayNode list)) {
            return false;
        }
        boolean removed = false;
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (isOurs(item, tool)) {
                it.remove();
                removed = true;
            } else if (item.get("hooks") instanceof ArrayNode inner) {
                for (Iterator<JsonNode> in = inner.elements(); in.hasNext(); ) {
                    if (isOurs(in.next(), tool)) {
                        in.remove();
                        removed = true;
                    }
                }
                if (inner.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (list.isEmpty()) {
            h.remove(tool.event());
        }
        if (h.isEmpty()) {
            root.remove("hooks");
        }
        return removed;
    }

    private static boolean mentionsHoldfast(ObjectNode root, AgentTool tool) {
        return root.path("hooks").path(tool.event()).toString().contains(MARKER + tool.id());
    }

    private static boolean isOurs(JsonNode handler, AgentTool tool) {
        return handler.path("command").asText("").contains(MARKER + tool.id());
    }

    private static byte[] render(ObjectNode root) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return (STRICT.writer(pp).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
