#!/usr/bin/env bash
# What attribution costs: a working-tree scan of a real repository with hundreds of findings spread through a long
# history, with .git (every finding attributed to the commit that added its value, from one walk of the history)
# against the very same files without .git (no attribution), side by side in ONE run. Goal: at most 2x.
#
# The repository is commons-lang (10,141 commits) with generated secrets planted across its history by
# bench/plant_secrets.py: `git fast-export --no-data` | one more secret line in a .java file every few commits, kept in
# every later version of that file | `git fast-import`, then repacked as a server keeps a repository. The secrets are
# random, made for this run; nothing is committed.
#
# Usage: bench/attribution.sh [BUNDLE] [RUNS] [SECRETS]   (defaults: ../shared/bench/commons-lang.bundle, 5, 300)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="${1:-$root/../shared/bench/commons-lang.bundle}"
[ -f "$bundle" ] || bundle=/work/shared/bench/commons-lang.bundle
[ -f "$bundle" ] || { echo "bench/attribution.sh: no commons-lang bundle (pass its path as the first argument)" >&2; exit 2; }
runs="${2:-5}"
secrets="${3:-300}"
work="$here/work/attribution"
mkdir -p "$work"

planted="$work/planted-$secrets"
export_dir="$work/planted-$secrets-export"
if [ ! -d "$planted/.git" ]; then
  echo "planting $secrets secrets across the history of commons-lang (once; kept in $work)..."
  rm -rf "$work/original" "$work/import.git" "$planted" "$export_dir"
  git clone -q "$bundle" "$work/original"
  java_commits="$(git -C "$work/original" rev-list master -- '*.java' | wc -l)"
  git clone -q --bare "$work/original" "$work/import.git"
  git -C "$work/original" fast-export --no-data --reencode=yes --signed-tags=strip master \
    | python3 "$here/plant_secrets.py" "$work/original" "$secrets" 20261206 "$java_commits" \
    | git -C "$work/import.git" fast-import --force --quiet
  git clone -q --no-local "$work/import.git" "$planted"
  # fast-import deltifies each blob against the one imported before it; a server repacks. Scans read the result.
  git -C "$planted" repack -q -a -d -f </dev/null   # pack-objects must not read the caller's stdin
  rm -rf "$work/original" "$work/import.git"
fi
if [ ! -d "$export_dir" ]; then
  mkdir -p "$export_dir"
  git -C "$planted" archive HEAD | tar -x -C "$export_dir"
fi
"$root/holdfast" --version >/dev/null   # build once, outside the timing

results="$work/results.txt"
: > "$results"
measure() {
  local name="$1" dir="$2" t0 t1
  t0=$(date +%s.%N)
  "$root/holdfast" scan "$dir" --format json --no-progress --fail-on none --output "$work/$name.json"
  t1=$(date +%s.%N)
  echo "$name $(echo "$t1 - $t0" | bc -l)" >> "$results"
}
for i in $(seq "$runs"); do
  measure export "$export_dir"
  measure git "$planted"
  printf '  run %d: without .git %6.2fs   with .git %6.2fs\n' "$i" \
    "$(awk '$1=="export" {v=$2} END {print v}' "$results")" "$(awk '$1=="git" {v=$2} END {print v}' "$results")"
done

best() { awk -v n="$1" '$1==n { if (min=="" || $2<min) min=$2 } END { print min }' "$results"; }
e=$(best export); g=$(best git)
counts="$(python3 - "$work/git.json" "$work/export.json" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1]))["findings"]
e = json.load(open(sys.argv[2]))["findings"]
attributed = sum(1 for f in g if f.get("introducedBy"))
commits = len({f["introducedBy"]["commit"] for f in g if f.get("introducedBy")})
print(len(g), attributed, commits, len(e))
EOF
)"
read -r findings attributed commits exported <<< "$counts"
history="$(git -C "$planted" rev-list HEAD | wc -l)"
echo
printf 'commons-lang with %d planted secrets (%d commits), working-tree scan, best of %d runs:\n' "$secrets" "$history" "$runs"
printf '  without .git  %7.2fs  %d findings, none attributed\n' "$e" "$exported"
printf '  with .git     %7.2fs  %d findings, %d attributed to %d commits\n' "$g" "$findings" "$attributed" "$commits"
printf 'ratio: with .git / without = %.2fx (goal <= 2.0x)\n' "$(echo "$g / $e" | bc -l)"
