#!/usr/bin/env bash
# Recall of the secret rules, in two parts:
#  1. per family of rules: providers, rules, match examples, and how many of those examples the whole catalogue finds
#     (`holdfast rules recall`; "own rule" counts those where the example's own rule wins, another rule of the same
#     family may take an overlapping match);
#  2. optionally, peers' own positive examples: every bench/work/peers/NAME.txt (records separated by a line "=====",
#     lines starting with '#' before the first record ignored) is split into one file per record, scanned, and the
#     share of records with at least one finding printed per peer. Peer examples are never committed: put them there
#     yourself (e.g. from gitleaks' or Kingfisher's public rule files) to measure.
# Usage: bench/recall.sh [PEERS_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
peers="${1:-$here/work/peers}"
"$root/holdfast" --version >/dev/null   # build once

echo "== rule examples, per family (holdfast rules recall)"
"$root/holdfast" rules recall || true

shopt -s nullglob
files=("$peers"/*.txt)
if [ ${#files[@]} -eq 0 ]; then
  echo
  echo "== peer examples: none in $peers (see the header of this script)"
  exit 0
fi
echo
echo "== peer examples"
for f in "${files[@]}"; do
  name="$(basename "$f" .txt)"
  dir="$here/work/peer-scan/$name"
  rm -rf "$dir" && mkdir -p "$dir"
  awk -v dir="$dir" '
    BEGIN { n = 1; started = 0 }
    /^=====$/ { n++; next }
    !started && /^#/ { next }
    { started = 1; printf "%s\n", $0 > sprintf("%s/example-%04d.txt", dir, n) }
  ' "$f"
  total=$(ls "$dir" | wc -l)
  "$root/holdfast" scan "$dir" --format json --fail-on none --no-progress > "$here/work/peer-scan/$name.json"
  found=$(python3 - "$here/work/peer-scan/$name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(len({f["location"]["path"] for f in d["findings"]}))
PY
)
  printf '  %-12s %4d examples, %4d found (%.0f%%)\n' "$name" "$total" "$found" "$(echo "100 * $found / $total" | bc -l)"
  if [ -n "${VERBOSE:-}" ]; then
    for e in "$dir"/*.txt; do
      b="$(basename "$e")"
      grep -q "\"$b\"" "$here/work/peer-scan/$name.json" || echo "    missed $b: $(head -c 100 "$e" | tr '\n' ' ')"
    done
  fi
done
