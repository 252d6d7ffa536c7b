"""The change bench/staged.sh stages: in each of 10 commons-lang classes, 20 lines edited, 25 added, and a 5-line
block moved down the file (about 500 changed lines in all). Deterministic: the same change every run."""
import os
import sys

repo = sys.argv[1]
src = os.path.join(repo, "src/main/java/org/apache/commons/lang3")
files = sorted(f for f in os.listdir(src) if f.endswith(".java"))
chosen = [f for f in files if sum(1 for _ in open(os.path.join(src, f), encoding="utf-8")) > 400][:10]
for f in chosen:
    p = os.path.join(src, f)
    lines = open(p, encoding="utf-8").read().split("\n")
    body = [i for i, l in enumerate(lines) if l.startswith("    ") and l.strip() and not l.strip().startswith("*")]
    for i in body[10:30]:
        lines[i] = lines[i] + " // reviewed"
    block = lines[body[40]:body[40] + 5]
    del lines[body[40]:body[40] + 5]
    at = body[60] if len(body) > 60 else len(lines) - 2
    lines[at:at] = block
    added = ["    // Holdfast bench: note %d on this class's contract." % k for k in range(25)]
    lines[body[80]:body[80]] = added
    open(p, "w", encoding="utf-8").write("\n".join(lines))
print(len(chosen))
