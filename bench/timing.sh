# Timing helpers for the bench scripts (sourced): each measured command's wall time and peak RSS, from
# /usr/bin/time -v, appended to the file named by $results as "name seconds rss_kb".
#   measure NAME CMD...   run CMD, record and print its time and peak RSS (a failing CMD is still recorded)
#   best NAME             the shortest wall time recorded for NAME
#   peak NAME             the largest peak RSS recorded for NAME, in MiB
measure() {
  local name="$1"; shift
  local tv="$work/time-$name.txt"
  /usr/bin/time -v -o "$tv" "$@" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tv" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  echo "$name $wall $rss" >> "$results"
  printf '    %-18s %8.2fs  %7.1f MiB\n' "$name" "$wall" "$(echo "$rss / 1024" | bc -l)" >&2
}
best() { awk -v n="$1" '$1==n { if (min=="" || $2<min) min=$2 } END { print min }' "$results"; }
peak() { awk -v n="$1" '$1==n { if ($3>max) max=$3 } END { printf "%.0f", max/1024 }' "$results"; }
