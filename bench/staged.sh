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

# Wall time of the whole process, and its CPU time (user + system, all threads: less sensitive to a busy machine).
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
results="$work/staged-results.txt"
: > "$results"
time_it() {
  local name="$1"; shift
  local tv="$work/staged-time.txt"
  local t0 t1 cpu=0
  if [ -x /usr/bin/time ]; then
    t0=$(date +%s%N); /usr/bin/time -f '%U %S' -o "$tv" "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    cpu=$(tail -1 "$tv" | awk '{printf "%d", ($1 + $2) * 1000}')   # a non-zero exit adds a line before
  else
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
  fi
  echo "$name $(( (t1 - t0) / 1000000 )) $cpu" >> "$results"
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

stats() { awk -v n="$1" -v c="$2" '$1==n {print $c}' "$results" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'; }
read -r gmin gmed <<<"$(stats gitdiff 2)"
read -r hmin hmed <<<"$(stats holdfast 2)"
read -r jmin jmed <<<"$(stats jvm 2)"
read -r amin amed <<<"$(stats agenthook 2)"
read -r bmin bmed <<<"$(stats blocked 2)"
read -r hcpu hcpumed <<<"$(stats holdfast 3)"
read -r jcpu jcpumed <<<"$(stats jvm 3)"
read -r bcpu bcpumed <<<"$(stats blocked 3)"
echo "change: $stat (commons-lang, $runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
printf '  %-34s best %5d ms  median %5d ms\n' "git diff --cached" "$gmin" "$gmed"
printf '  %-34s best %5d ms  median %5d ms   cpu best %5d ms\n' "java -version (JVM floor)" "$jmin" "$jmed" "$jcpu"
printf '  %-34s best %5d ms  median %5d ms   cpu best %5d ms\n' "holdfast scan --staged (clean)" "$hmin" "$hmed" "$hcpu"
printf '  %-34s best %5d ms  median %5d ms   cpu best %5d ms\n' "holdfast scan --staged (blocked)" "$bmin" "$bmed" "$bcpu"
printf '  %-34s best %5d ms  median %5d ms\n' "agent hook, no git command" "$amin" "$amed"
awk -v h="$hmin" -v g="$gmin" -v j="$jmin" -v c="$hcpu" 'BEGIN {
  printf "holdfast/git-diff %.1fx, holdfast/JVM-floor %.1fx; goal: holdfast best <= 500 ms -> %s (cpu %d ms)\n",
    h / (g > 0 ? g : 1), h / (j > 0 ? j : 1), (h <= 500 ? "met" : "NOT met on this run"), c }'
