#!/usr/bin/env bash
# Times a working-tree scan of a commons-lang checkout with Holdfast and with secretlint (recommended preset),
# side by side in one run, and prints the ratio. Usage: bench/tree-vs-secretlint.sh [BUNDLE] [RUNS]
# HOLDFAST_BASE=<another checkout>/holdfast times that build too, in the same runs (e.g. a clone of main, to show that
# a larger catalogue did not slow the scan), and prints holdfast/base.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="${1:-$root/../shared/bench/commons-lang.bundle}"
runs="${2:-3}"
work="$here/work"
mkdir -p "$work"
repo="$work/commons-lang"
if [ ! -d "$repo/.git" ]; then
  git clone -q "$bundle" "$repo"
fi
node_dir="$work/secretlint"
if [ ! -x "$node_dir/node_modules/.bin/secretlint" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
      secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null)
fi
: > "$work/.secretlintignore"   # an empty ignore file (not /dev/null: a plain file is what secretlint expects)
cat > "$work/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON
"$root/holdfast" --version >/dev/null   # build once, outside the timing

now() { date +%s.%N; }
base=()
[ -n "${HOLDFAST_BASE:-}" ] && read -r -a base <<<"$HOLDFAST_BASE"
best_h=999999; best_s=999999; best_b=999999
for i in $(seq "$runs"); do
  if [ ${#base[@]} -gt 0 ]; then
    tb=$(now)
    "${base[@]}" scan "$repo" --format json --fail-on none --no-progress > "$work/holdfast-base-tree.json"
    b=$(echo "$(now) - $tb" | bc)
    printf 'run %d: base %.2fs\n' "$i" "$b"
    best_b=$(echo "if ($b < $best_b) $b else $best_b" | bc)
  fi
  t0=$(now)
  "$root/holdfast" scan "$repo" --format json --fail-on none --no-progress > "$work/holdfast-tree.json"
  t1=$(now)
  (cd "$repo" && "$node_dir/node_modules/.bin/secretlint" --secretlintrc "$work/.secretlintrc.json" \
      --secretlintignore "$work/.secretlintignore" "**/*" > "$work/secretlint.txt" 2>&1) || true
  t2=$(now)
  h=$(echo "$t1 - $t0" | bc); s=$(echo "$t2 - $t1" | bc)
  printf 'run %d: holdfast %.2fs  secretlint %.2fs\n' "$i" "$h" "$s"
  best_h=$(echo "if ($h < $best_h) $h else $best_h" | bc); best_s=$(echo "if ($s < $best_s) $s else $best_s" | bc)
done
files=$(cd "$repo" && git ls-files | wc -l)
printf 'commons-lang working tree (%d files), best of %d: holdfast %.2fs, secretlint %.2fs, secretlint/holdfast = %.1fx\n' \
  "$files" "$runs" "$best_h" "$best_s" "$(echo "$best_s / $best_h" | bc -l)"
if [ ${#base[@]} -gt 0 ]; then
  printf 'base build best of %d: %.2fs, secretlint/base = %.1fx, holdfast/base = %.2fx\n' \
    "$runs" "$best_b" "$(echo "$best_s / $best_b" | bc -l)" "$(echo "$best_h / $best_b" | bc -l)"
fi
