#!/usr/bin/env bash
# Fix fidelity: generates regression scenarios — every scenario kind (neighbour lines added, removed or edited above
# or below, the fix's own neighbour edited again, the file renamed, reformatted, its blocks reordered, CRLF, several
# secrets in one fix, a different value pasted back, the agent's unrelated edits) for every format (properties,
# Spring YAML, .env, compose, Helm values, Java, Terraform provider keys and policies, JSON policies, workflows) —,
# builds a real git repository for each, runs the real CLI jar (holdfast baseline, then holdfast fix, one child JVM
# per command) and compares each branch's file with the expected bytes. Prints the share exact and how many branches
# did damage, side by side with a plain 3-way merge of the fix (git merge-file: what cherry-pick does).
# Usage: bench/fix-fidelity.sh [SEED] [ROUNDS] [COMPARE_JAR]
#   defaults: seed 14, 1 round — the 162 cases kept in cli/src/test/resources/fidelity/cases (FixFidelityTest);
#   COMPARE_JAR: another holdfast.jar (e.g. a previous release) run on the same cases in the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seed="${1:-14}"
rounds="${2:-1}"
compare="${3:-}"
work="$here/work/fix-fidelity"
command -v git >/dev/null || { echo "fix-fidelity: git is needed (repositories and the merge-file floor)" >&2; exit 2; }
"$root/holdfast" --version >/dev/null   # builds the CLI jar (and its class-data archive) when sources changed
(cd "$root" && mvn -q -B -pl cli -am test-compile >/dev/null) || { echo "fix-fidelity: test-compile failed" >&2; exit 3; }
args=(--seed "$seed" --rounds "$rounds" --out "$work" --jar "$root/cli/target/holdfast.jar")
[ -n "$compare" ] && args+=(--compare "$compare")
exec java -XX:TieredStopAtLevel=1 -cp "$root/cli/target/test-classes:$root/cli/target/holdfast.jar" \
  dev.holdfast.cli.fidelity.FidelityBench "${args[@]}"
