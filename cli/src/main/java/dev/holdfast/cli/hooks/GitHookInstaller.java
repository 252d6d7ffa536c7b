package dev.holdfast.cli.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Puts holdfast's git hook beside whatever is there, and takes exactly that away again. An existing shell hook (a
 * plain one, husky's, the pre-commit framework's, lefthook's) gets holdfast's block at its top, so that it still runs
 * afterwards with its own name, arguments and stdin; a hook in another language (or a symbolic link) is moved aside and
 * chained; a hook git would not run (not executable) is set aside and not run, as before; a missing one is created.
 */
public final class GitHookInstaller {
    static final String CHAINED = ".holdfast-chained";
    static final String DISABLED = ".holdfast-disabled";

    private final Path hooksDir;

    public GitHookInstaller(Path hooksDir) {
        this.hooksDir = hooksDir;
    }

    /** What an install did: the record to keep and one line for the user. */
    public record Installed(InstallManifest.Entry entry, String summary) {
    }

    public Installed install(HookScript.Hook h, Launcher launcher, HookScript.Options o) throws IOException {
        Path file = hooksDir.resolve(h.file);
        String block = HookScript.block(h, launcher, o);
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (!exists) {
            List<String> created = FileEdits.createParents(file);
            byte[] script = bytes(HookScript.script(h, launcher, o, null));
            FileEdits.write(file, script, FileEdits.EXECUTABLE);
            return new Installed(entry(h, file, "created", null, null, script, null, created),
                    h.file + ": created " + file);
        }
        String origin = origin(file);
        if (Files.isSymbolicLink(file)) {
            return moveAside(h, file, launcher, o, CHAINED, true, origin + " (a symbolic link)");
        }
        byte[] before = Files.readAllBytes(file);
        if (new String(before, StandardCharsets.UTF_8).contains(HookScript.begin(h).strip())) {
            throw new HookException(file + " already runs holdfast (run `holdfast hooks uninstall` first)", true);
        }
        String mode = FileEdits.mode(file);
        if (!Files.isExecutable(file)) {
            return moveAside(h, file, launcher, o, DISABLED, false, origin + ", not executable: git did not run it");
        }
        if (!HookScript.isShellScript(before)) {
            return moveAside(h, file, launcher, o, CHAINED, true, origin);
        }
        byte[] after = insert(before, bytes(block));
        FileEdits.write(file, after, mode);
        return new Installed(entry(h, file, "inserted", before, mode, after, null, null),
                h.file + ": added to the top of " + origin + " at " + file + "; it still runs after holdfast");
    }

    private Installed moveAside(HookScript.Hook h, Path file, Launcher launcher, HookScript.Options o, String suffix,
                                boolean chain, String origin) throws IOException {
        Path aside = file.resolveSibling(h.file + suffix);
        if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            throw new HookException(aside + " exists already: move it away, then install again", true);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        byte[] script = bytes(HookScript.script(h, launcher, o, chain ? aside.getFileName().toString() : null));
        FileEdits.write(file, script, FileEdits.EXECUTABLE);
        String what = chain ? "moved to " + aside + " and chained: it runs after holdfast"
                : "set aside as " + aside + " (not run, as before)";
        return new Installed(entry(h, file, chain ? "wrapped" : "set-aside", null, null, script, aside.toString(),
                null), h.file + ": " + origin + " " + what);
    }

    /** Takes back exactly what {@link #install} did; one line saying what happened. */
    public static String uninstall(InstallManifest.Entry e) throws IOException {
        Path file = Path.of(e.path());
        HookScript.Hook h = e.name().equals(HookScript.Hook.PRE_PUSH.file) ? HookScript.Hook.PRE_PUSH
                : HookScript.Hook.PRE_COMMIT;
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        byte[] now = exists && !Files.isSymbolicLink(file) ? Files.readAllBytes(file) : null;
        boolean untouched = now != null && FileEdits.sha256(now).equals(e.written());
        switch (e.method()) {
            case "created" -> {
                if (untouched) {
                    Files.delete(file);
                    FileEdits.removeCreated(e.createdDirs());
                    return e.name() + ": removed " + file;
                }
                return withoutBlock(h, file, now, "removed holdfast's block from " + file + ", which was edited since");
            }
            case "inserted" -> {
                if (untouched) {
                    FileEdits.write(file, FileEdits.unbase64(e.before()), e.mode());
                    return e.name() + ": restored " + file + " as it was";
                }
                return withoutBlock(h, file, now, "removed holdfast's block from " + file
                        + ", which was edited since; the rest is kept");
            }
            default -> {
                Path aside = Path.of(e.moved());
                if (!Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                    return withoutBlock(h, file, now, aside + " is gone; removed holdfast's block from " + file);
                }
                Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return e.name() + ": moved " + aside + " back to " + file + (untouched || now == null ? ""
                        : " (holdfast's hook there had been edited; the edits are gone)");
            }
        }
    }

    private static String withoutBlock(HookScript.Hook h, Path file, byte[] now, String done) throws IOException {
        if (now == null) {
            return h.file + ": " + file + " is gone; nothing to remove";
        }
        String text = new String(now, StandardCharsets.UTF_8);
        int start = text.indexOf(HookScript.begin(h));
        int end = text.indexOf(HookScript.end(h), Math.max(start, 0));
        if (start < 0 || end < 0) {
            return h.file + ": " + file + " no longer has holdfast's block; left as it is";
        }
        String rest = text.substring(0, start) + text.substring(end + HookScript.end(h).length());
        FileEdits.write(file, bytes(rest), FileEdits.mode(file));
        return h.file + ": " + done;
    }

    /** The block right after the {@code #!} line (so the hook keeps its interpreter), else at the very top. */
    static byte[] insert(byte[] hook, byte[] block) {
        int at = 0;
        if (hook.length > 1 && hook[0] == '#' && hook[1] == '!') {
            int nl = indexOf(hook, (byte) '\n');
            if (nl < 0) {
                byte[] withNl = new byte[hook.length + 1 + block.length];
                System.arraycopy(hook, 0, withNl, 0, hook.length);
                withNl[hook.length] = '\n';
                System.arraycopy(block, 0, withNl, hook.length + 1, block.length);
                return withNl;
            }
            at = nl + 1;
        }
        byte[] out = new byte[hook.length + block.length];
        System.arraycopy(hook, 0, out, 0, at);
        System.arraycopy(block, 0, out, at, block.length);
        System.arraycopy(hook, at, out, at + block.length, hook.length - at);
        return out;
    }

    /** Who wrote an existing hook, for the user's information. */
    private String origin(Path file) throws IOException {
        String where = hooksDir.toString().replace('\\', '/');
        if (where.contains("/.husky")) {
            return "husky's hook";
        }
        if (Files.isSymbolicLink(file)) {
            return "the existing hook";
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.contains("File generated by pre-commit") || text.contains("pre_commit")) {
            return "the pre-commit framework's hook";
        }
        if (text.contains("lefthook")) {
            return "lefthook's hook";
        }
        return "the existing hook";
    }

    private static InstallManifest.Entry entry(HookScript.Hook h, Path file, String method, byte[] before, String mode,
                                               byte[] written, String moved, List<String> created) {
        return new InstallManifest.Entry("git-hook", h.file, file.toString(), method, FileEdits.base64(before), mode,
                FileEdits.sha256(written), moved, created);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
