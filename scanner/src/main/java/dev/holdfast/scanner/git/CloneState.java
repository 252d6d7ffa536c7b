package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How complete a clone is: a shallow clone lists in {@code .git/shallow} the commits whose parents it lacks (JGit then
 * walks them as roots); a partial clone ({@code clone --filter=blob:none}) names a promisor remote that can supply the
 * objects it left out. Both are normal in CI ({@code actions/checkout} with {@code fetch-depth} or {@code filter}).
 */
public final class CloneState {
    private final Set<ObjectId> shallow;
    private final String promisor;

    private CloneState(Set<ObjectId> shallow, String promisor) {
        this.shallow = shallow;
        this.promisor = promisor;
    }

    public static CloneState of(Repository repo) throws IOException {
        Set<ObjectId> ids = new LinkedHashSet<>();
        Path file = repo.getDirectory().toPath().resolve("shallow");
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String s = line.strip();
                if (ObjectId.isId(s)) {
                    ids.add(ObjectId.fromString(s));
                }
            }
        }
        return new CloneState(Set.copyOf(ids), promisorRemote(repo.getConfig()));
    }

    /** The commits at the shallow boundary (their parents are not in the clone); empty for a full clone. */
    public Set<ObjectId> shallowCommits() {
        return shallow;
    }

    public boolean isShallow() {
        return !shallow.isEmpty();
    }

    /** The remote a partial clone fetches left-out objects from, when it is one. */
    public Optional<String> promisor() {
        return Optional.ofNullable(promisor);
    }

    private static String promisorRemote(StoredConfig config) {
        String ext = config.getString("extensions", null, "partialclone");
        if (ext != null && !ext.isBlank()) {
            return ext;
        }
        for (String remote : config.getSubsections("remote")) {
            if (config.getBoolean("remote", remote, "promisor", false)) {
                return remote;
            }
        }
        return null;
    }
}
