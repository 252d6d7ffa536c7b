#!/usr/bin/env bash
# Scores Holdfast on the leaky-repo benchmark corpus (fixtures/leaky-repo.tar.gz, kept compressed so that no raw
# secret file is committed as text): files with risky lines covered, risky lines found, extra flagged lines.
# Uses `./holdfast scan DIR --format json` when the CLI can scan; otherwise (before the CLI is wired) the rules
# module's test-scope ScanHarness, which runs the same detector over every non-binary file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$root/fixtures/leaky-repo.tar.gz"
corpus="$work/leaky-repo"
# The benchmark's own metadata (expected counts, other tools' reports) is not part of the scanned corpus.
mv "$corpus/.leaky-meta" "$work/meta"
out="$work/findings.json"

mode="${HOLDFAST_BENCH_MODE:-auto}"
rc=0
if [ "$mode" != harness ]; then
  "$root/holdfast" scan "$corpus" --format json >"$out" 2>"$work/stderr" || rc=$?
  if [ "$rc" -gt 1 ]; then
    [ "$mode" = cli ] && { cat "$work/stderr" >&2; exit "$rc"; }
    echo "bench: CLI scan unavailable (exit $rc: $(head -c 200 "$work/stderr")); using the rules ScanHarness" >&2
    mode=harness
  else
    echo "bench: scanned with ./holdfast scan --format json" >&2
  fi
fi
if [ "$mode" = harness ]; then
  (cd "$root" && mvn -o -q -B -pl rules test-compile >&2 \
    && mvn -o -q -B -pl rules dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2)
  java -cp "$root/rules/target/classes:$root/rules/target/test-classes:$(cat "$work/cp.txt")" \
    dev.holdfast.rules.catalogue.ScanHarness "$corpus" >"$out"
fi
python3 "$root/bench/score_leaky.py" "$work/meta/secrets.csv" "$out"
