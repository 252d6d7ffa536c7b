# Timing helpers for the bench scripts (sourced): each measured command's wall time, peak RSS and CPU time (user +
# system, every thread), from /usr/bin/time -v, appended to the file named by $results as
# "name seconds rss_kb cpu_seconds". On a shared machine the wall time swings with the load; the CPU time much less.
#   measure NAME CMD...   run CMD, record and print its time and peak RSS (a failing CMD is still recorded)
#   best NAME             the shortest wall time recorded for NAME
#   peak NAME             the largest peak RSS recorded for NAME, in MiB
#   cpu NAME              the least CPU time (user + system) recorded for NAME
measure() {
  local name="$1"; shift
  local tv="$work/time-$name.txt"
  /usr/bin/time -v -o "$tv" "$@" || true
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tv" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s+=$2} END {print s+0}' "$tv")
  echo "$name $wall $rss $cpu" >> "$results"
  printf '    %-18s %8.2fs  %7.1f MiB  cpu %7.2fs\n' "$name" "$wall" "$(echo "$rss / 1024" | bc -l)" "$cpu" >&2
}
best() { awk -v n="$1" '$1==n { if (min=="" || $2<min) min=$2 } END { print min }' "$results"; }
cpu() { awk -v n="$1" '$1==n && $4!="" { if (min=="" || $4<min) min=$4 } END { print min }' "$results"; }
peak() { awk -v n="$1" '$1==n { if ($3>max) max=$3 } END { printf "%.0f", max/1024 }' "$results"; }
