#!/usr/bin/env bash
# Whole-history scans at 1x, 3x and 10x commons-lang, side by side in one run per size with the floors every
# history scanner is measured against:
#   holdfast scan --history       (bare mirror; GC log: full collections, heap after collections)
#   git log -p --all              (in a bare mirror and in a checkout)
#   git cat-file --batch-all-objects --batch   (inflating every object once: the object-store floor)
# then, untimed, the live set (a full collection forced every second, the heap left after it) and, on the largest
# history, a 5-commit push range (--range) timed with JVM start.
#
# The histories are built once from the commons-lang bundle and cached in bench/work/scale: commons-lang replayed N
# times through git fast-export, a path rewrite (copy i under c<i>/, refs under c<i>/, every blob headed by a line
# naming its copy so no blob is shared) and git fast-import (see bench/scale_history.py). Dates are kept, so the
# copies move at once: N times the paths in flight, N times the blob content.
#
# Usage: bench/history-scale.sh [SIZES] [RUNS]     (defaults: "1 3 10" and 3; best of RUNS is reported)
#   BUNDLE=...  another source bundle;  KEEP_CHECKOUTS=0  delete the checkouts after measuring;
#   BUILD_ONLY=1  only build (and cache) the histories
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
sizes="${1:-1 3 10}"
runs="${2:-3}"
bundle="${BUNDLE:-$root/../shared/bench/commons-lang.bundle}"
[ -f "$bundle" ] || bundle=/work/shared/bench/commons-lang.bundle
[ -f "$bundle" ] || { echo "history-scale: no commons-lang bundle (looked for ../shared/bench/commons-lang.bundle)" >&2; exit 2; }
work="$here/work/scale"
mkdir -p "$work"

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
command -v jcmd >/dev/null || echo "history-scale: no jcmd, the live set is not measured" >&2
if [ ${#need[@]} -gt 0 ]; then
  (apt-get install -y -qq "${need[@]}" >/dev/null 2>&1) || { apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

src="$work/commons-lang.git"
[ -d "$src" ] || git clone -q --mirror "$bundle" "$src"

# build N: bench/work/scale/xN.git (bare) and bench/work/scale/xN (a checkout of c0/master), once
build() {
  local n="$1" bare="$work/x$1.git" co="$work/x$1"
  if [ ! -f "$bare/holdfast-scale-built" ]; then
    echo "building the ${n}x history (once)..." >&2
    rm -rf "$bare" "$co"
    git init -q --bare "$bare"
    python3 "$here/scale_history.py" "$src" "$n" | git -C "$bare" fast-import --quiet
    git -C "$bare" symbolic-ref HEAD refs/heads/c0/master
    # fast-import chains each version to the one before (50 deep); repack as a server would, never across copies
    git -C "$bare" -c pack.island='refs/[a-z]+/(c[0-9]+)/' repack -a -d -f -i -q </dev/null
    git -C "$bare" pack-refs --all
    touch "$bare/holdfast-scale-built"
  fi
  if [ ! -d "$co/.git" ]; then
    echo "cloning a checkout of the ${n}x history (once)..." >&2
    rm -rf "$co"
    git clone -q --no-local "$bare" "$co"
  fi
}

if [ "${BUILD_ONLY:-0}" = 1 ]; then
  for n in $sizes; do build "$n"; done
  exit 0
fi
"$root/holdfast" --version >/dev/null   # build the CLI once, outside the timing

# shellcheck source=bench/timing.sh
. "$here/timing.sh"

# liveset REPO : the largest heap left after a forced full collection, sampled every second through a scan
liveset() {
  local log="$work/gc-live.log"
  rm -f "$log"
  # job control on: a background job of a script otherwise ignores SIGQUIT, which jcmd needs to attach
  set -m
  JDK_JAVA_OPTIONS="-Xlog:gc:file=$log" "$root/holdfast" scan "$1" --history --format json --no-progress \
    --fail-on none --output /dev/null 2>/dev/null &
  local pid=$!
  set +m
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    jcmd "$pid" GC.run >/dev/null 2>&1 || true
  done
  wait "$pid" || true
  { grep 'Pause Full (Diagnostic Command)' "$log" 2>/dev/null || true; } | sed -E 's/.* [0-9]+M->([0-9]+)M\(.*/\1/' \
    | sort -n | tail -1
}

summary="$work/summary.txt"
: > "$summary"
base_content=""
base_time=""
for n in $sizes; do
  build "$n"
  bare="$work/x$n.git"; co="$work/x$n"
  results="$work/results-x$n.txt"; : > "$results"
  commits=$(git -C "$bare" rev-list --all | wc -l)
  read -r blobs content < <(git -C "$bare" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' \
    | awk '$1=="blob" {n++; s+=$2} END {printf "%d %.0f\n", n, s}')
  pack=$(du -sm "$bare/objects/pack" | cut -f1)
  echo "== ${n}x commons-lang: $commits commits, $blobs blobs, $((content / 1048576)) MiB of blob content, ${pack} MiB of packs" >&2
  echo "   JVM options (bin/jvm-opts): $("$root/bin/jvm-opts" scan "$bare" --history)" >&2
  fulls=()
  for i in $(seq "$runs"); do
    echo "  run $i (load: $(cut -d' ' -f1-3 /proc/loadavg)):" >&2
    measure holdfast env JDK_JAVA_OPTIONS="-Xlog:gc:file=$work/gc-x$n-$i.log" "$root/holdfast" scan "$bare" \
      --history --format json --no-progress --fail-on none --output "$work/holdfast.json"
    fulls+=("$(grep -c 'Pause Full' "$work/gc-x$n-$i.log" || true)")
    measure gitlog-bare sh -c "git -C '$bare' log -p --all > /dev/null"
    measure gitlog-checkout sh -c "git -C '$co' log -p --all > /dev/null"
    measure catfile sh -c "git -C '$bare' cat-file --batch-all-objects --batch > /dev/null"
  done
  findings=$(jq '.findings | length' "$work/holdfast.json" 2>/dev/null || echo "?")
  gcmax=$(cat "$work"/gc-x"$n"-*.log | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  live="n/a"
  command -v jcmd >/dev/null && live="$(liveset "$bare")"
  h=$(best holdfast); lb=$(best gitlog-bare); lc=$(best gitlog-checkout); c=$(best catfile)
  {
    printf '%sx commons-lang (%d commits, %d blobs, %.2f GB of blob content, %s MiB of packs), best of %d runs:\n' \
      "$n" "$commits" "$blobs" "$(echo "$content / 1000000000" | bc -l)" "$pack" "$runs"
    printf '  holdfast --history (bare)   %8.2fs  cpu %8.2fs  peak RSS %5s MiB  full collections %s  heap after GC <= %s MiB  live set <= %s MiB  (%s findings)\n' \
      "$h" "$(cpu holdfast)" "$(peak holdfast)" "$(IFS=/; echo "${fulls[*]}")" "${gcmax:-?}" "${live:-?}" "$findings"
    printf '  git log -p --all (bare)     %8.2fs  cpu %8.2fs  peak RSS %5s MiB\n' "$lb" "$(cpu gitlog-bare)" "$(peak gitlog-bare)"
    printf '  git log -p --all (checkout) %8.2fs  cpu %8.2fs  peak RSS %5s MiB\n' "$lc" "$(cpu gitlog-checkout)" "$(peak gitlog-checkout)"
    printf '  git cat-file --batch-all    %8.2fs  cpu %8.2fs  peak RSS %5s MiB\n' "$c" "$(cpu catfile)" "$(peak catfile)"
    printf '  ratios: holdfast / git log -p (bare) = %.2fx (goal <= 0.5)   / git log -p (checkout) = %.2fx   / cat-file = %.2fx (goal <= 1.5)\n' \
      "$(echo "$h / $lb" | bc -l)" "$(echo "$h / $lc" | bc -l)" "$(echo "$h / $c" | bc -l)"
    printf '  cpu ratios (holdfast on 2 cores, git on 1): holdfast / git log -p (bare) = %.2fx   / cat-file = %.2fx\n' \
      "$(echo "$(cpu holdfast) / $(cpu gitlog-bare)" | bc -l)" "$(echo "$(cpu holdfast) / $(cpu catfile)" | bc -l)"
    if [ -z "$base_content" ]; then
      base_content="$content"; base_time="$h"; base_n="$n"
    else
      printf '  against %sx: %.2fx the blob content in %.2fx the time (goal: at most 1.1x the content ratio)\n' \
        "$base_n" "$(echo "$content / $base_content" | bc -l)" "$(echo "$h / $base_time" | bc -l)"
    fi
  } | tee -a "$summary"
  largest="$n"
  [ "${KEEP_CHECKOUTS:-1}" = 0 ] && rm -rf "$co"
done

# A push: the last 5 commits of the last copy's master, scanned from a checkout of the largest history.
co="$work/x$largest"
[ -d "$co/.git" ] || build "$largest"
last=$(git -C "$co" for-each-ref --format='%(refname)' 'refs/remotes/origin/c*/master' | sort -V | tail -1)
tip=$(git -C "$co" rev-parse "$last")
from=$(git -C "$co" rev-list --first-parent --skip=5 -1 "$tip")
count=$(git -C "$co" rev-list --count "$from..$tip")
results="$work/results-range.txt"; : > "$results"
echo "== push range on the ${largest}x checkout ($count commits)" >&2
for i in 1 2 3 4 5; do
  measure range "$root/holdfast" scan "$co" --range "$from..$tip" --format json --no-progress --fail-on none \
    --output /dev/null
done
worst=$(awk '$1=="range" { if ($2>max) max=$2 } END { print max }' "$results")
printf 'push range (%d commits) on the %sx checkout, JVM start included: best %.2fs, worst of 5 %.2fs (goal < 1.5 s)\n' \
  "$count" "$largest" "$(best range)" "$worst" | tee -a "$summary"
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); summary in $summary)"
