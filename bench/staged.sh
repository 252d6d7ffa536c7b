#!/usr/bin/env bash
# A staged scan of a typical change, as the pre-commit hook runs it, side by side in ONE run with `git diff --cached`
# of the same change and with the JVM's own start (java -version, the floor of any Java tool):
#   ./holdfast scan --staged       the whole process, JVM start included (the wrapper's flags and class-data archive)
#   git diff --cached              what any hook reads at least
# The change: 10 Java files of commons-lang, 500 changed lines (edited, added, and a block moved within a file).
# Also timed: the same change plus a new secret (blocked, with the reference advice), and an agent hook call that runs
# no git command (answered by the wrapper without starting the JVM).
# Prints the best and median wall times and the ratios. Usage: bench/staged.sh [BUNDLE] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="${1:-$root/../shared/bench/commons-lang.bundle}"
[ -f "$bundle" ] || bundle=/work/shared/bench/commons-lang.bundle
[ -f "$bundle" ] || { echo "bench/staged.sh: no commons-lang bundle at $bundle (pass one as the first argument)" >&2; exit 2; }
runs="${2:-15}"
work="$here/work"
repo="$work/staged-commons-lang"
mkdir -p "$work"
command -v python3 >/dev/null || { echo "bench/staged.sh: python3 is needed to write the change" >&2; exit 2; }

if [ ! -d "$repo/.git" ]; then
  git clone -q "$bundle" "$repo"
fi
git -C "$repo" reset -q --hard
git -C "$repo" clean -qfdx
"$root/holdfast" --version >/dev/null   # build once (and the class-data archive), outside the timing

# The change, the same every run: in each of 10 files, 20 lines edited, 25 added, and a 5-line block moved down.
python3 "$here/staged_change.py" "$repo" >/dev/null
git -C "$repo" add -A
stat="$(git -C "$repo" diff --cached --shortstat)"
secret_file="$repo/src/main/resources/bench-secret.properties"

now() { date +%s%N; }
results="$work/staged-results.txt"
: > "$results"
time_it() {
  local name="$1"; shift
  local t0 t1
  t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
  echo "$name $(( (t1 - t0) / 1000000 ))" >> "$results"
}
hook_input='{"session_id":"bench","cwd":"'"$repo"'","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"npm test"}}'

for i in $(seq "$runs"); do
  time_it gitdiff git -C "$repo" diff --cached
  time_it holdfast sh -c "cd '$repo' && '$root/holdfast' scan --staged --no-progress"
  time_it jvm java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
  time_it agenthook sh -c "printf '%s' '$hook_input' | '$root/holdfast' hooks run --agent claude"
done
# the blocked path: the same change plus one new key (advice reads the repository's names)
mkdir -p "$(dirname "$secret_file")"
printf 'aws.accessKeyId=%s\n' "AKIA$(python3 -c "import random; random.seed(18); print(''.join(random.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16)))")" > "$secret_file"
git -C "$repo" add -A
for i in $(seq "$runs"); do
  time_it blocked sh -c "cd '$repo' && '$root/holdfast' scan --staged --no-progress"
done
git -C "$repo" reset -q --hard
git -C "$repo" clean -qfdx

stats() { awk -v n="$1" '$1==n {print $2}' "$results" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'; }
read -r gmin gmed <<<"$(stats gitdiff)"
read -r hmin hmed <<<"$(stats holdfast)"
read -r jmin jmed <<<"$(stats jvm)"
read -r amin amed <<<"$(stats agenthook)"
read -r bmin bmed <<<"$(stats blocked)"
echo "change: $stat (commons-lang, $runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
printf '  %-34s best %5d ms  median %5d ms\n' "git diff --cached" "$gmin" "$gmed"
printf '  %-34s best %5d ms  median %5d ms\n' "java -version (JVM floor)" "$jmin" "$jmed"
printf '  %-34s best %5d ms  median %5d ms\n' "holdfast scan --staged (clean)" "$hmin" "$hmed"
printf '  %-34s best %5d ms  median %5d ms\n' "holdfast scan --staged (blocked)" "$bmin" "$bmed"
printf '  %-34s best %5d ms  median %5d ms\n' "agent hook, no git command" "$amin" "$amed"
awk -v h="$hmin" -v g="$gmin" -v j="$jmin" 'BEGIN {
  printf "holdfast/git-diff %.1fx, holdfast/JVM-floor %.1fx; goal: holdfast best <= 500 ms -> %s\n",
    h / (g > 0 ? g : 1), h / (j > 0 ? j : 1), (h <= 500 ? "met" : "NOT met") }'
