#!/usr/bin/env python3
"""Writes a git fast-import stream that replays one repository's whole history COPIES times, each copy under its own
top-level directory (c0/, c1/, ...) and its own refs (refs/heads/c0/master, tags c0/NAME, ...), interleaved in time
as the original dates are kept: a monorepo of COPIES projects that all move at once.

Every blob of copy i starts with the line "holdfast-scale copy i", so no blob is shared between copies and a scan
that reads each unique blob once reads COPIES times the content. Blobs are written path by path (all versions of one
path in a row), so that fast-import stores each version as a delta of its neighbour, as `git repack` would, and never
as a delta of another copy's file.

    scale_history.py SRC_GIT_DIR COPIES | git -C DEST fast-import --quiet
"""
import subprocess
import sys
import tempfile

STRIDE = 10_000_000  # marks of copy i are i * STRIDE + 1 ...


def git(src, *args, **kw):
    return subprocess.Popen(["git", "-C", src, *args], stdout=subprocess.PIPE, **kw)


def blobs_by_path(src):
    """Every blob id reachable from any ref, ordered by the path it was first seen at (newest version first)."""
    kinds = {}
    out = subprocess.run(["git", "-C", src, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"],
                         check=True, stdout=subprocess.PIPE).stdout
    for line in out.splitlines():
        oid, kind = line.split(b" ")
        if kind == b"blob":
            kinds[oid] = True
    seen = set()
    order = []
    out = subprocess.run(["git", "-C", src, "rev-list", "--objects", "--all"], check=True,
                         stdout=subprocess.PIPE).stdout
    for line in out.splitlines():
        oid, _, path = line.partition(b" ")
        if oid in kinds and oid not in seen:
            seen.add(oid)
            order.append((path, len(order), oid))
    order.sort()
    return [oid for _, _, oid in order]


def write_blobs(src, oids, copy, out):
    """One blob command per unique blob, its content behind the copy's header line; returns blob id -> mark."""
    marks = {}
    header = b"holdfast-scale copy %d\n" % copy
    with tempfile.TemporaryFile() as ids:
        ids.write(b"".join(o + b"\n" for o in oids))
        ids.seek(0)
        cat = subprocess.Popen(["git", "-C", src, "cat-file", "--batch"], stdin=ids, stdout=subprocess.PIPE)
    for n, want in enumerate(oids):
        head = cat.stdout.readline().split()
        if len(head) != 3 or head[0] != want or head[1] != b"blob":
            sys.exit("unexpected cat-file answer for %s: %r" % (want.decode(), head))
        size = int(head[2])
        mark = copy * STRIDE + n + 1
        marks[want] = mark
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, size + len(header)))
        out.write(header)
        left = size
        while left:
            chunk = cat.stdout.read(min(left, 1 << 20))
            if not chunk:
                sys.exit("cat-file ended early")
            out.write(chunk)
            left -= len(chunk)
        cat.stdout.read(1)  # the newline after the content
        out.write(b"\n")
    if cat.wait() != 0:
        sys.exit("git cat-file failed")
    return marks


def prefixed(path, copy):
    """A fast-export path (perhaps C-quoted) moved under the copy's directory."""
    if path.startswith(b'"'):
        return b'"c%d/' % copy + path[1:]
    return b"c%d/" % copy + path


def remark(ref, copy, base):
    return b":%d" % (base + int(ref[1:])) if ref.startswith(b":") else ref


def write_commits(src, copy, blob_marks, out):
    base = copy * STRIDE + len(blob_marks) + 1
    exp = git(src, "fast-export", "--all", "--no-data", "--signed-tags=strip", "--tag-of-filtered-object=rewrite", "--mark-tags",
              "--reencode=no")
    inp = exp.stdout
    while True:
        line = inp.readline()
        if not line:
            break
        if line.startswith(b"data "):
            size = int(line[5:])
            out.write(line)
            out.write(inp.read(size))
            continue
        word, _, rest = line.rstrip(b"\n").partition(b" ")
        if word == b"M":
            mode, ref, path = rest.split(b" ", 2)
            if mode != b"160000":
                ref = b":%d" % blob_marks[ref]
            line = b"M %s %s %s\n" % (mode, ref, prefixed(path, copy))
        elif word == b"D":
            line = b"D %s\n" % prefixed(rest, copy)
        elif word in (b"commit", b"reset"):
            if rest.startswith(b"refs/heads/"):
                rest = b"refs/heads/c%d/%s" % (copy, rest[len(b"refs/heads/"):])
            elif rest.startswith(b"refs/tags/"):
                rest = b"refs/tags/c%d/%s" % (copy, rest[len(b"refs/tags/"):])
            line = word + b" " + rest + b"\n"
        elif word == b"tag":
            line = b"tag c%d/%s\n" % (copy, rest)
        elif word in (b"mark", b"from", b"merge"):
            line = word + b" " + remark(rest, copy, base) + b"\n"
        elif word in (b"R", b"C", b"N"):
            sys.exit("unexpected fast-export command: %r" % line)
        out.write(line)
    if exp.wait() != 0:
        sys.exit("git fast-export failed")


def main():
    src, copies = sys.argv[1], int(sys.argv[2])
    out = sys.stdout.buffer
    oids = blobs_by_path(src)
    for copy in range(copies):
        marks = write_blobs(src, oids, copy, out)
        write_commits(src, copy, marks, out)
        print("copy %d of %d written (%d blobs)" % (copy + 1, copies, len(marks)), file=sys.stderr)
    out.flush()


if __name__ == "__main__":
    main()
