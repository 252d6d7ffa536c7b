package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Reads and writes baseline files. Output is deterministic (sorted keys and entries, two-space indent, LF, trailing
 * newline) so that an unchanged baseline is byte-identical. Writes go to a temporary file in the same directory and
 * are moved into place atomically, under a lock file, so that a crash or a concurrent run never leaves a torn file.
 */
public final class BaselineStore {

    /** Where a repository keeps its baseline, relative to its root. */
    public static final String DEFAULT_RELATIVE_PATH = ".holdfast/baseline.json";

    // FileChannel locks are per process; this serialises threads of one JVM on the same file as well.
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ObjectMapper mapper;
    private final TempWriter tempWriter;

    /** Writes the bytes of a new baseline into the temporary file; replaceable in tests to simulate a crash. */
    @FunctionalInterface
    interface TempWriter {
        void write(Path temp, byte[] bytes) throws IOException;
    }

    public BaselineStore() {
        this(BaselineStore::writeAndSync);
    }

    BaselineStore(TempWriter tempWriter) {
        this.tempWriter = tempWriter;
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(lf)
                .withArrayIndenter(lf);
        this.mapper = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Fields may be added within schema version 1; an older holdfast must still read the file.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .defaultPrettyPrinter(printer)
                .build();
    }

    /** The scan without findings in baseline files: they hold a random salt and keyed hashes, which entropy rules
     * would flag; they are ours. */
    public static ScanResult withoutArtifacts(ScanResult r) {
        List<Finding> kept = r.findings().stream().filter(f -> !isBaselineArtifact(f.location().path())).toList();
        return kept.size() == r.findings().size() ? r
                : new ScanResult(r.target(), kept, r.rules(), r.warnings(), r.partial());
    }

    /**
     * True for Holdfast's own baseline artefacts ({@code .holdfast/baseline.json} and its lock and temporary files).
     * Scans skip them: the baseline holds the fingerprint salt, which generic secret rules rightly flag, and nothing
     * else that is not already redacted.
     */
    public static boolean isBaselineArtifact(String relativePath) {
        if (relativePath == null) {
            return false;
        }
        String p = relativePath.replace('\\', '/');
        return p.equals(DEFAULT_RELATIVE_PATH) || p.startsWith(DEFAULT_RELATIVE_PATH + ".")
                && (p.endsWith(".lock") || p.endsWith(".tmp"));
    }

    /** {@code root/.holdfast/baseline.json}. */
    public static Path defaultPath(Path root) {
        return root.resolve(DEFAULT_RELATIVE_PATH);
    }

    /** The default baseline of {@code root} when one exists, else null (a scan without a baseline). */
    public static Path findDefault(Path root) {
        Path p = defaultPath(root);
        return Files.isRegularFile(p) ? p : null;
    }

    /** The exact bytes {@link #write} puts on disk. */
    public byte[] serialize(Baseline baseline) {
        try {
            String json = mapper.writeValueAsString(baseline);
            return (json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise baseline", e);
        }
    }

    /** Parses a baseline; a missing, corrupt or unknown-version file is a one-line {@link BaselineException}. */
    public Baseline read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BaselineException("baseline " + file + ": file not found");
        } catch (IOException e) {
            throw new BaselineException("baseline " + file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(file.toString(), bytes);
    }

    Baseline parse(String name, byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Never echo Jackson's message: it quotes the offending token, which may be a secret pasted by hand.
            throw new BaselineException("baseline " + name + ": not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new BaselineException("baseline " + name + ": cannot read", e);
        }
        if (root == null || !root.isObject()) {
            throw new BaselineException("baseline " + name + ": not a JSON object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new BaselineException("baseline " + name + ": missing schemaVersion");
        }
        if (version.intValue() != Baseline.SCHEMA_VERSION) {
            throw new BaselineException("baseline " + name + ": unsupported schemaVersion " + version.intValue()
                    + " (this holdfast reads " + Baseline.SCHEMA_VERSION + ")");
        }
        Baseline b;
        try {
            b = mapper.treeToValue(root, Baseline.class);
        } catch (JsonMappingException e) {
            throw new BaselineException("baseline " + name + ": invalid value at " + path(e));
        } catch (JsonProcessingException e) {
            throw new BaselineException("baseline " + name + ": invalid content");
        }
        checkSalt(name, b.salt());
        return b;
    }

    /**
     * Writes {@code baseline} atomically. Returns false, leaving the file untouched, when it already holds exactly
     * these bytes.
     */
    public boolean write(Path file, Baseline baseline) {
        byte[] bytes = serialize(baseline);
        return locked(file, () -> replace(file, bytes));
    }

    /** Read-modify-write under the lock (e.g. accepting a finding), so concurrent updates are not lost. */
    public Baseline update(Path file, UnaryOperator<Baseline> change) {
        return locked(file, () -> {
            Baseline next = change.apply(read(file));
            replace(file, serialize(next));
            return next;
        });
    }

    private boolean replace(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
            try {
                tempWriter.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } catch (IOException e) {
            throw new BaselineException("baseline " + file + ": cannot write (" + oneLine(e) + ")", e);
        }
    }

    private <T> T locked(Path file, IoAction<T> action) {
        Path abs = file.toAbsolutePath().normalize();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(abs, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(abs.getParent());
            ignoreScratchFiles(abs.getParent());
            // The lock file stays: deleting it would let a third process lock a fresh inode while a second holds
            // the old one.
            Path lock = abs.resolveSibling(abs.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new BaselineException("baseline " + file + ": cannot lock (" + oneLine(e) + ")", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Keeps lock and temporary files out of commits when the baseline lives in the repository's .holdfast dir. */
    private static void ignoreScratchFiles(Path dir) throws IOException {
        if (dir.getFileName() != null && dir.getFileName().toString().equals(".holdfast")) {
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "*.lock\n*.tmp\n", StandardCharsets.UTF_8);
            }
        }
    }

    private static void writeAndSync(Path tmp, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void checkSalt(String name, String salt) {
        if (salt == null || salt.isBlank()) {
            throw new BaselineException("baseline " + name + ": missing salt");
        }
        try {
            if (Base64.getDecoder().decode(salt).length < 16) {
                throw new BaselineException("baseline " + name + ": salt shorter than 16 bytes");
            }
        } catch (IllegalArgumentException e) {
            throw new BaselineException("baseline " + name + ": salt is not base64");
        }
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "top level" : sb.toString();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("[\\r\\n]+", " ");
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
