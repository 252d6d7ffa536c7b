package dev.holdfast.scanner.baseline;

import dev.holdfast.scanner.baseline.place.PlaceIndex;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ContentSniffer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regression as "the fix was undone": a hardcoded secret (or long-lived key) at a place where a ledger fix had put a
 * reference — the same key path or assignment target, in the same file or one it was renamed to since — is that fix
 * undone, whatever the value is now (a rotated key, a colleague's key). Reads the finding's file (the working tree,
 * or the commit a history finding was seen in) only for findings that would otherwise be new, and only when the
 * ledger has places.
 */
public final class LedgerPlaces implements PlaceMatcher, AutoCloseable {
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private record Candidate(String fingerprint, LedgerEntry entry, String path, String reference) {
    }

    private final Path root;
    private final Map<String, List<Candidate>> byPlace;
    private final Map<String, PlaceIndex> indexes = new HashMap<>();
    private final Map<String, Boolean> lineage = new HashMap<>();
    private Repository repo;
    private String prefix;
    private boolean opened;

    private LedgerPlaces(Path root, Map<String, List<Candidate>> byPlace) {
        this.root = root;
        this.byPlace = byPlace;
    }

    /** The places of {@code baseline}'s ledger, matched against files under the scanned {@code root}. */
    public static LedgerPlaces of(Baseline baseline, Path root) {
        Map<String, List<Candidate>> byPlace = new HashMap<>();
        if (baseline != null) {
            baseline.ledger().forEach((fp, entry) -> {
                if (entry.fix() == null || !valueCategory(entry.category())) {
                    return;
                }
                for (LedgerChange c : entry.changes()) {
                    for (FixedPlace p : c.places()) {
                        byPlace.computeIfAbsent(p.place(), k -> new ArrayList<>())
                                .add(new Candidate(fp, entry, c.path(), p.reference()));
                    }
                }
            });
        }
        return new LedgerPlaces(root, byPlace);
    }

    @Override
    public Optional<Match> match(Finding f) {
        if (byPlace.isEmpty() || f.category() == null || !valueCategory(f.category().id()) || f.location() == null
                || f.location().path() == null || f.location().line() <= 0) {
            return Optional.empty();
        }
        String path = f.location().path();
        String commit = f.location().commit();
        PlaceIndex index = indexes.computeIfAbsent(commit + "\u0000" + path, k -> PlaceIndex.of(path, read(path, commit)));
        Optional<String> place = index.at(f.location().line()).map(FixPlaces::storedForm);
        if (place.isEmpty() || !byPlace.containsKey(place.get())) {
            return Optional.empty();
        }
        return byPlace.get(place.get()).stream()
                .filter(c -> sameFile(path, commit, c.path()))
                .max(Comparator.comparing((Candidate c) -> c.entry().fix().date() == null ? "" : c.entry().fix().date())
                        .thenComparing(Candidate::fingerprint))
                .map(c -> new Match(c.fingerprint(), c.entry(), place.get(), c.reference()));
    }

    /** Secrets and long-lived keys are values a fix replaces with a reference; grants and posture are not. */
    private static boolean valueCategory(String category) {
        return Category.SECRET.id().equals(category) || Category.LONG_LIVED_CREDENTIAL.id().equals(category);
    }

    /** Whether the file at {@code path} is the one the fix changed at {@code fixPath}, or was renamed from it. */
    private boolean sameFile(String path, String commit, String fixPath) {
        open();
        String inRepo = prefix + path;
        if (inRepo.equals(fixPath)) {
            return true;
        }
        if (repo == null) {
            return false;
        }
        return lineage.computeIfAbsent(commit + "\u0000" + inRepo + "\u0000" + fixPath, k -> {
            try {
                ObjectId from = commit != null ? repo.resolve(commit) : repo.resolve(Constants.HEAD);
                return FileLineage.descendsFrom(repo, from, inRepo, fixPath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot follow " + inRepo + " through renames: " + e.getMessage(), e);
            }
        });
    }

    /** The file's text: from the commit a history finding was seen in, else from the working tree. */
    private String read(String path, String commit) {
        try {
            byte[] bytes;
            if (commit == null) {
                Path file = root.resolve(path);
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                    return null;
                }
                bytes = Files.readAllBytes(file);
            } else {
                open();
                bytes = repo == null ? null : blob(commit, prefix + path);
            }
            byte[] text = bytes == null ? null : ContentSniffer.textOrNull(bytes);
            return text == null ? null : new String(text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to find its place: " + e.getMessage(), e);
        }
    }

    private byte[] blob(String commit, String path) throws IOException {
        ObjectId id = repo.resolve(commit);
        if (id == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo);
             TreeWalk tw = TreeWalk.forPath(repo, path, walk.parseCommit(id).getTree())) {
            if (tw == null || repo.open(tw.getObjectId(0)).getSize() > MAX_BYTES) {
                return null;
            }
            return repo.open(tw.getObjectId(0)).getBytes();
        }
    }

    private void open() {
        if (opened) {
            return;
        }
        opened = true;
        prefix = "";
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment()
                    .findGitDir(root.toAbsolutePath().toFile());
            if (b.getGitDir() == null) {
                return;
            }
            repo = b.build();
            if (!repo.isBare()) {
                Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
                Path here = root.toAbsolutePath().normalize();
                if (!top.equals(here) && here.startsWith(top)) {
                    prefix = top.relativize(here).toString().replace('\\', '/') + "/";
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the repository at " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (repo != null) {
            repo.close();
        }
    }
}
