package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code holdfast hooks install} changed, so that {@code uninstall} can put back exactly what was there: every
 * file touched with its previous bytes and mode (or that it did not exist), the bytes holdfast wrote, and the folders
 * it created. Kept in the repository's git directory ({@code holdfast/hooks-installed.json}), never in the work tree.
 */
public final class InstallManifest {
    static final String FILE = "hooks-installed.json";

    /**
     * One file holdfast changed.
     *
     * @param kind        git-hook | agent
     * @param name        the hook (pre-commit, pre-push) or the agent id
     * @param path        the file, absolute
     * @param method      created | inserted | wrapped | set-aside | edited
     * @param before      the previous content, Base64, or null when the file did not exist
     * @param mode        the previous file's POSIX permissions (rwxr-xr-x), or null
     * @param written     SHA-256 of what holdfast wrote there
     * @param moved       for wrapped and set-aside hooks: where the previous hook was moved, absolute
     * @param createdDirs folders created for the file, outermost first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String kind, String name, String path, String method, String before, String mode,
                        String written, String moved, List<String> createdDirs) {
    }

    /** The manifest's content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(int version, List<Entry> entries) {
    }

    private final Path file;

    public InstallManifest(Path gitCommonDir) {
        this.file = gitCommonDir.resolve("holdfast").resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public List<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Content c = new ObjectMapper().readValue(file.toFile(), Content.class);
            return c.entries() == null ? List.of() : c.entries();
        } catch (IOException e) {
            throw new HookException(file + ": unreadable install record (" + e.getClass().getSimpleName()
                    + "); restore the hooks by hand", true);
        }
    }

    /** Writes the entries atomically; none left removes the record and its folder. */
    public void write(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(file.getParent());
            } catch (java.nio.file.DirectoryNotEmptyException keep) {
                // something else lives there now
            }
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".hooks", ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(),
                    new Content(1, new ArrayList<>(entries)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
