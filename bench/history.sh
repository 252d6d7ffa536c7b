#!/usr/bin/env bash
# Full-history scan of the commons-lang bundle, side by side in ONE run with the log-based floor and peers:
#   holdfast scan --history   (every unique blob once, from the object database)
#   git log -p --all          (what every log-based scanner reads at least)
#   git secrets --scan-history (Debian git-secrets, AWS patterns registered)
#   git cat-file --batch-all-objects --batch (inflating every object once: the object-store floor)
# Prints wall-time ratios, peak RSS and CPU time (user + system: what the load on a shared machine moves least; git
# uses one core, holdfast two), from /usr/bin/time -v. Usage: bench/history.sh [BUNDLE] [RUNS]
#   BASELINE=/other/checkout  also time that checkout's ./holdfast (e.g. main) in the same runs, and compare findings
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="${1:-$root/../shared/bench/commons-lang.bundle}"
[ -f "$bundle" ] || bundle=/work/shared/bench/commons-lang.bundle
runs="${2:-3}"
work="$here/work"
mkdir -p "$work"

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v git-secrets >/dev/null || need+=(git-secrets)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  (apt-get install -y -qq "${need[@]}" >/dev/null 2>&1) || { apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

# A mirror clone: every ref of the bundle, so --history and `git log --all` see the same commits.
repo="$work/commons-lang-history.git"
if [ ! -d "$repo" ]; then
  git clone -q --mirror "$bundle" "$repo"
fi
if ! git -C "$repo" config --get-all secrets.patterns >/dev/null 2>&1; then
  git -C "$repo" secrets --register-aws >/dev/null
fi
"$root/holdfast" --version >/dev/null   # build once, outside the timing
baseline="${BASELINE:-}"
[ -z "$baseline" ] || "$baseline/holdfast" --version >/dev/null

# shellcheck source=bench/timing.sh
. "$here/timing.sh"
results="$work/history-results.txt"
: > "$results"

for i in $(seq "$runs"); do
  echo "run $i:"
  measure holdfast "$root/holdfast" scan "$repo" --history --format json --no-progress --fail-on none \
      --output "$work/holdfast-history.json"
  if [ -n "$baseline" ]; then
    measure baseline "$baseline/holdfast" scan "$repo" --history --format json --no-progress --fail-on none \
        --output "$work/baseline-history.json"
  fi
  measure gitlog sh -c "git -C '$repo' log -p --all > /dev/null"
  measure secrets sh -c "cd '$repo' && git secrets --scan-history > '$work/git-secrets.txt' 2>&1"
  measure catfile sh -c "git -C '$repo' cat-file --batch-all-objects --batch > /dev/null"
done

h=$(best holdfast); l=$(best gitlog); s=$(best secrets); c=$(best catfile)
commits=$(git -C "$repo" rev-list --all | wc -l)
findings=$(python3 -c "import json;print(len(json.load(open('$work/holdfast-history.json'))['findings']))" 2>/dev/null || echo "?")
echo
printf 'commons-lang full history (%d commits), best of %d runs:\n' "$commits" "$runs"
printf '  holdfast --history          %7.2fs  cpu %7.2fs  peak RSS %5s MiB  (%s findings)\n' "$h" "$(cpu holdfast)" \
  "$(peak holdfast)" "$findings"
printf '  git log -p --all            %7.2fs  cpu %7.2fs  peak RSS %5s MiB\n' "$l" "$(cpu gitlog)" "$(peak gitlog)"
printf '  git secrets --scan-history  %7.2fs  cpu %7.2fs  peak RSS %5s MiB\n' "$s" "$(cpu secrets)" "$(peak secrets)"
printf '  git cat-file --batch-all    %7.2fs  cpu %7.2fs  peak RSS %5s MiB\n' "$c" "$(cpu catfile)" "$(peak catfile)"
printf 'ratios: holdfast / git log -p = %.2fx   holdfast / git-secrets = %.2fx   holdfast / cat-file = %.2fx\n' \
  "$(echo "$h / $l" | bc -l)" "$(echo "$h / $s" | bc -l)" "$(echo "$h / $c" | bc -l)"
printf 'cpu ratios: holdfast / git log -p = %.2fx   holdfast / cat-file = %.2fx   (load at the end: %s)\n' \
  "$(echo "$(cpu holdfast) / $(cpu gitlog)" | bc -l)" "$(echo "$(cpu holdfast) / $(cpu catfile)" | bc -l)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$baseline" ]; then
  same=$(cmp -s "$work/holdfast-history.json" "$work/baseline-history.json" && echo "the same report, byte for byte" \
    || echo "REPORTS DIFFER")
  printf 'baseline %s: %.2fs, cpu %.2fs, peak RSS %s MiB; this checkout / baseline: wall %.2fx, cpu %.2fx (%s)\n' \
    "$baseline" "$(best baseline)" "$(cpu baseline)" "$(peak baseline)" "$(echo "$h / $(best baseline)" | bc -l)" \
    "$(echo "$(cpu holdfast) / $(cpu baseline)" | bc -l)" "$same"
fi
