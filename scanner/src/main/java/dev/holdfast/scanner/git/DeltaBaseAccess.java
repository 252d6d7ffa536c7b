package dev.holdfast.scanner.git;

import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

import static java.lang.invoke.MethodType.methodType;

/**
 * The two things a history scan needs from JGit's pack reading that JGit keeps package-private: where a packed
 * object's delta base lies, and a way to keep an object the reader rebuilt in that reader's delta base cache (see
 * {@link PackOrder} for why). Reached through method handles on JGit's own package-private methods (JGit's jar is
 * signed, so no class of ours can join its package): when a JGit release renames them, {@link #available()} turns
 * false, the scan reads in pack order as it did before, and {@code PackOrderTest} fails the build. Neither method
 * changes what any read returns.
 */
final class DeltaBaseAccess {
    /** Where an object's pack entry has no delta base in the same pack (stored whole, or unknown). */
    static final long NONE = -1;

    private static final Class<?> CURSOR;
    /** {@code WindowCursor.copy(Pack, long, byte[], int, int)}: raw pack bytes through the reader's windows. */
    private static final MethodHandle COPY;
    /** {@code WindowCursor.getDeltaBaseCache()}. */
    private static final MethodHandle CACHE;
    /** {@code DeltaBaseCache.store(Pack, long, byte[], int)}. */
    private static final MethodHandle STORE;
    /** {@code DeltaBaseCache.get(Pack, long)}. */
    private static final MethodHandle GET;

    static {
        Class<?> cursor = null;
        MethodHandle copy = null;
        MethodHandle cache = null;
        MethodHandle store = null;
        MethodHandle get = null;
        try {
            cursor = Class.forName("org.eclipse.jgit.internal.storage.file.WindowCursor");
            Class<?> bases = Class.forName("org.eclipse.jgit.internal.storage.file.DeltaBaseCache");
            MethodHandles.Lookup inCursor = MethodHandles.privateLookupIn(cursor, MethodHandles.lookup());
            MethodHandles.Lookup inBases = MethodHandles.privateLookupIn(bases, MethodHandles.lookup());
            copy = inCursor.findVirtual(cursor, "copy",
                            methodType(int.class, Pack.class, long.class, byte[].class, int.class, int.class))
                    .asType(methodType(int.class, ObjectReader.class, Pack.class, long.class, byte[].class, int.class,
                            int.class));
            cache = inCursor.findVirtual(cursor, "getDeltaBaseCache", methodType(bases))
                    .asType(methodType(Object.class, ObjectReader.class));
            store = inBases.findVirtual(bases, "store", methodType(void.class, Pack.class, long.class, byte[].class,
                    int.class)).asType(methodType(void.class, Object.class, Pack.class, long.class, byte[].class,
                    int.class));
            get = inBases.findVirtual(bases, "get", methodType(
                    Class.forName("org.eclipse.jgit.internal.storage.file.DeltaBaseCache$Entry"), Pack.class,
                    long.class)).asType(methodType(Object.class, Object.class, Pack.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            cursor = null; // a JGit without these methods: reads keep their pack order
        }
        CURSOR = cursor;
        COPY = cursor == null ? null : copy;
        CACHE = cursor == null ? null : cache;
        STORE = cursor == null ? null : store;
        GET = cursor == null ? null : get;
    }

    private DeltaBaseAccess() {
    }

    /** Whether this JGit offers what this class reaches. */
    static boolean available() {
        return CURSOR != null;
    }

    /**
     * The offset, in the same pack, of the delta base of the object whose entry starts at {@code offset}; {@link #NONE}
     * when the object is stored whole, its base is in another pack, or {@code reader} does not read packs from files.
     */
    static long baseOffset(ObjectReader reader, Pack pack, long offset) throws IOException {
        if (!readsFiles(reader)) {
            return NONE;
        }
        // The entry header, as JGit's Pack.load reads it: type and size, then the base (a pack always has its 20-byte
        // trailer after the last entry, so 20 bytes are there to read).
        byte[] header = new byte[Constants.OBJECT_ID_LENGTH];
        if (copy(reader, pack, offset, header) != header.length) {
            return NONE;
        }
        int c = header[0] & 0xff;
        int type = (c >> 4) & 7;
        int p = 1;
        while ((c & 0x80) != 0) {
            c = header[p++] & 0xff;
        }
        if (type == Constants.OBJ_OFS_DELTA) {
            c = header[p++] & 0xff;
            long back = c & 127;
            while ((c & 128) != 0) {
                back += 1;
                c = header[p++] & 0xff;
                back <<= 7;
                back += c & 127;
            }
            return offset - back;
        }
        if (type == Constants.OBJ_REF_DELTA) {
            byte[] id = new byte[Constants.OBJECT_ID_LENGTH];
            if (copy(reader, pack, offset + p, id) != id.length) {
                return NONE;
            }
            long base = pack.getIndex().findOffset(ObjectId.fromRaw(id));
            return base < 0 ? NONE : base;
        }
        return NONE;
    }

    /**
     * Keeps {@code data}, the rebuilt object whose entry starts at {@code offset} in {@code pack}, in the reader's
     * delta base cache, so that a delta on it read next starts from it. The cache still bounds what it holds (its
     * least recently used entries go first), so keeping never costs more memory than the cache's limit.
     */
    static void keep(ObjectReader reader, Pack pack, long offset, byte[] data, int type) {
        if (readsFiles(reader)) {
            try {
                STORE.invokeExact(cache(reader), pack, offset, data, type);
            } catch (Throwable e) {
                throw unexpected(e);
            }
        }
    }

    /** Whether the reader's delta base cache holds the object at {@code offset} in {@code pack} (what tests check). */
    static boolean cached(ObjectReader reader, Pack pack, long offset) {
        if (!readsFiles(reader)) {
            return false;
        }
        try {
            return (Object) GET.invokeExact(cache(reader), pack, offset) != null;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    private static boolean readsFiles(ObjectReader reader) {
        return CURSOR != null && CURSOR.isInstance(reader);
    }

    private static Object cache(ObjectReader reader) throws Throwable {
        return (Object) CACHE.invokeExact(reader);
    }

    private static int copy(ObjectReader reader, Pack pack, long offset, byte[] into) throws IOException {
        try {
            return (int) COPY.invokeExact(reader, pack, offset, into, 0, into.length);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    private static IllegalStateException unexpected(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("JGit's delta base cache: " + e, e);
    }
}
