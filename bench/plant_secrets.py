#!/usr/bin/env python3
"""Rewrites a `git fast-export --no-data` stream so that secrets are planted across a long history.

Usage: git fast-export --no-data --signed-tags=strip master | plant_secrets.py REPO COUNT SEED | git fast-import

Every STEP-th commit that changes a .java file gets one more generated secret line in that file (right after its
`package` line, so the line keeps its place while the file around it changes), and every later version of that file
keeps it until the file is deleted. Only the blobs of planted files are rewritten (read from REPO with
`git cat-file --batch`); every other file keeps its original blob id, so the import must run in a repository that
holds REPO's objects. The secrets are random, generated now, and never stored anywhere else.
"""
import random
import subprocess
import sys

UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64 = ALNUM + "+/"


def secret_line(rng, n):
    kind = n % 3
    if kind == 0:
        value = "AKIA" + "".join(rng.choice(UPPER32) for _ in range(16))
        return "// planted %04d: aws_access_key_id = %s" % (n, value)
    if kind == 1:
        value = "ghp" + "_" + "".join(rng.choice(ALNUM) for _ in range(36))
        return "// planted %04d: github_token = %s" % (n, value)
    value = "".join(rng.choice(B64) for _ in range(40))
    return '// planted %04d: aws_secret_access_key = "%s"' % (n, value)


class Blobs:
    def __init__(self, repo):
        self.proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def read(self, sha):
        self.proc.stdin.write(sha + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            raise SystemExit("cannot read blob %s" % sha.decode())
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)
        return data


def with_lines(content, lines):
    rows = content.split(b"\n")
    at = 0
    for i, row in enumerate(rows[:200]):
        if row.startswith(b"package "):
            at = i + 1
            break
    planted = [l.encode() for l in lines]
    return b"\n".join(rows[:at] + planted + rows[at:])


def unquote(path):
    if path.startswith(b'"'):
        return path[1:-1].decode("unicode_escape").encode("latin-1")
    return path


def main():
    repo, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    blobs = Blobs(repo)
    src = sys.stdin.buffer
    out = sys.stdout.buffer
    states = {}          # commit mark -> {path: [lines]}
    java_commits = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    step = max(1, java_commits // count) if java_commits else 1
    seen_java = 0
    planted = 0

    def copy_data(line):
        n = int(line.split()[1])
        out.write(line)
        out.write(src.read(n))

    line = src.readline()
    while line:
        if not line.startswith(b"commit "):
            if line.startswith(b"data "):
                copy_data(line)
            else:
                out.write(line)
            line = src.readline()
            continue
        # One commit: header lines, message, from/merge, then file commands until a blank line or next command.
        header = [line]
        mark = None
        parents = []
        line = src.readline()
        while line and not line.startswith(b"data "):
            if line.startswith(b"mark "):
                mark = line.split()[1]
            header.append(line)
            line = src.readline()
        n = int(line.split()[1])
        message = line + src.read(n)
        line = src.readline()
        rest = []
        while line.startswith(b"from ") or line.startswith(b"merge "):
            parents.append(line.split()[1])
            rest.append(line)
            line = src.readline()
        changes = []
        while line and line != b"\n" and (line[:2] in (b"M ", b"D ") or line.startswith(b"deleteall")):
            changes.append(line)
            line = src.readline()
        state = dict(states.get(parents[0], {})) if parents else {}
        modified = [c for c in changes if c.startswith(b"M ")]
        java = [c for c in modified if c.rstrip(b"\n").endswith(b".java")]
        if java:
            seen_java += 1
            if seen_java % step == 0 and planted < count:
                path = unquote(java[0].rstrip(b"\n").split(b" ", 3)[3])
                state[path] = list(state.get(path, [])) + [secret_line(rng, planted)]
                planted += 1
        for c in changes:
            if c.startswith(b"D "):
                state.pop(unquote(c.rstrip(b"\n")[2:]), None)
        for p in parents[1:]:
            for path, lines in states.get(p, {}).items():
                if any(unquote(c.rstrip(b"\n").split(b" ", 3)[3]) == path for c in modified):
                    merged = list(state.get(path, []))
                    merged += [l for l in lines if l not in merged]
                    state[path] = merged
        out.write(b"".join(header))
        out.write(message)
        out.write(b"".join(rest))
        for c in changes:
            if c.startswith(b"M "):
                _, mode, ref, raw = c.rstrip(b"\n").split(b" ", 3)
                path = unquote(raw)
                if path in state and mode in (b"100644", b"100755"):
                    data = with_lines(blobs.read(ref), state[path])
                    out.write(b"M " + mode + b" inline " + raw + b"\n")
                    out.write(b"data %d\n" % len(data))
                    out.write(data + b"\n")
                    continue
            out.write(c)
        if mark is not None:
            states[mark] = state
    sys.stderr.write("planted %d secrets\n" % planted)


if __name__ == "__main__":
    main()
