#!/usr/bin/env bash
# The holdfast GitHub Action, a thin caller of the CLI: the CLI reads the event ($GITHUB_EVENT_PATH, with Jackson) and
# decides what to scan; this script gets the CLI (built from the action's own sources, a pinned release, or a given
# jar), runs it, and hands its reports to GitHub ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT, workflow-command annotations).
# It parses neither the event nor any finding, and needs nothing beyond bash, coreutils, Java and (to build) Maven.
#
#   run.sh plan-build  step outputs for the build cache: build, build-dir, cache-key, cache-prefix
#   run.sh run         run the action (inputs come as INPUT_* variables, see action.yml)
#   run.sh jar         only get the jar (build, download or check it), print its path
#
# HOLDFAST_CMD overrides the command that runs the CLI (tests use a fake that records its arguments).
set -uo pipefail

ACTION_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

note() { printf '%s\n' "holdfast-action: $*" >&2; }
fail() { printf '::error title=holdfast action::%s\n' "$*"; exit 2; }

# The JVM options of every run of the CLI come from bin/jvm-opts, the one policy the ./holdfast wrapper uses too
# (HOLDFAST_JAVA_OPTS replaces it): a nightly run scans the whole history, any other run the commits of an event.
# shellcheck source=../bin/jvm-opts
. "$ACTION_DIR/bin/jvm-opts"
java_opts() {
  local mode="$1" path="$2"
  if [ "$mode" = nightly ]; then
    holdfast_jvm_opts scan "$path" --history
  else
    holdfast_jvm_opts scan "$path"
  fi
  JAVA_OPTS=("${HOLDFAST_JVM_OPTS[@]}")
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# A key for the action's own sources: one per action commit, whatever ref the workflow names it by.
source_key() {
  local sum
  sum="$(cd "$ACTION_DIR" && find . \( -path ./.git -o -path '*/target' -o -path ./bench -o -path ./docs \) -prune \
      -o -type f \( -name pom.xml -o -path '*/src/main/*' -o -path './fixtures/demo/*' \) -print0 \
      | LC_ALL=C sort -z | xargs -0 cat | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-20)"
  printf 'holdfast-cli-v1-%s-%s\n' "${RUNNER_OS:-$(uname -s)}" "$sum"
}

# Step outputs that tell the cache step whether to run, where the build goes and under which key.
plan_build() {
  local out="${GITHUB_OUTPUT:-/dev/stdout}"
  if [ -n "${INPUT_JAR:-}" ] || [ -n "${INPUT_VERSION:-}" ]; then
    printf 'build=false\n' >> "$out"
    return 0
  fi
  local key
  key="$(source_key)"
  printf 'build=true\nbuild-dir=%s\ncache-key=%s\ncache-prefix=%s\n' \
    "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/holdfast-cli" "$key" "${key%-*}-" >> "$out"
}

# Builds the CLI from the action's checkout with Maven, unless the cache brought back the jar of these sources.
build_jar() {
  local dir="${HOLDFAST_BUILD_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/holdfast-cli}" key="${HOLDFAST_CACHE_KEY:-}"
  [ -n "$key" ] || key="$(source_key)"
  if [ -f "$dir/holdfast.jar" ] && [ "$(cat "$dir/key" 2>/dev/null)" = "$key" ]; then
    note "using the CLI built from these sources earlier (cache $key)"
    JAR="$dir/holdfast.jar"
    return 0
  fi
  command -v java >/dev/null || fail "Java 17 is needed to build and run holdfast: keep setup-java: true, or install it"
  command -v mvn >/dev/null || fail "Maven is needed to build holdfast from source (GitHub's hosted runners have it); or set 'version' and 'jar-sha256' to use a release"
  note "building the CLI from the action's sources with Maven (once per action commit, then cached)"
  (cd "$ACTION_DIR" && mvn -B -q -e -DskipTests -Dmaven.test.skip=true package >&2) \
    || fail "building holdfast from source failed (see the Maven output above)"
  mkdir -p "$dir"
  cp "$ACTION_DIR/cli/target/holdfast.jar" "$dir/holdfast.jar.part" && mv "$dir/holdfast.jar.part" "$dir/holdfast.jar"
  printf '%s\n' "$key" > "$dir/key"
  JAR="$dir/holdfast.jar"
}

# Resolves the jar into JAR: a given path (with an optional checksum), a pinned release whose sha256 must match (no
# floating versions), or else a build of the action's own sources.
get_jar() {
  local jar="${INPUT_JAR:-}" want="${INPUT_JAR_SHA256:-}" version="${INPUT_VERSION:-}"
  if [ -n "$want" ] && ! [[ "$want" =~ ^[0-9a-f]{64}$ ]]; then
    fail "jar-sha256 must be 64 lower-case hex characters"
  fi
  if [ -z "$jar" ] && [ -z "$version" ]; then
    build_jar
    return 0
  fi
  if [ -z "$jar" ]; then
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.][0-9A-Za-z.]+)?$ ]] \
      || fail "input 'version' must pin an exact release such as 1.2.3 (got '${version}'); no floating versions"
    [ -n "$want" ] || fail "input 'jar-sha256' is required with 'version': the jar is verified before it runs"
    local url="${INPUT_JAR_URL:-https://github.com/${HOLDFAST_RELEASE_REPO:-holdfast-dev/holdfast}/releases/download/v${version}/holdfast-${version}.jar}"
    local dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/holdfast-${version}"
    mkdir -p "$dir"
    jar="$dir/holdfast.jar"
    if [ ! -f "$jar" ] || [ "$(sha256_of "$jar")" != "$want" ]; then
      curl -fsSL --retry 3 --proto '=https,file' -o "$jar.part" "$url" || fail "cannot download holdfast ${version} from ${url}"
      mv "$jar.part" "$jar"
    fi
  fi
  [ -f "$jar" ] || fail "holdfast jar not found: $jar"
  if [ -n "$want" ]; then
    local got
    got="$(sha256_of "$jar")"
    if [ "$got" != "$want" ]; then
      [ -z "${INPUT_JAR:-}" ] && rm -f "$jar"
      fail "checksum mismatch for $jar: expected $want, got $got"
    fi
  fi
  JAR="$jar"
}

# Runs a command with workflow-command processing paused: its output holds file paths and author names that a
# pull request controls, and a line like "::add-mask::" or "::set-env" in them must not be obeyed by the runner.
quietly() {
  local token
  token="holdfast-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '::stop-commands::%s\n' "$token"
  "$@"
  local rc=$?
  printf '::%s::\n' "$token"
  return "$rc"
}

# Appends a file to the step summary within GitHub's 1 MiB limit, cut at a line when it does not fit.
summarise() {
  local file="$1" summary="$2"
  local room=$(( 1000000 - $(wc -c < "$summary") ))
  if [ "$(wc -c < "$file")" -le "$room" ]; then
    cat "$file" >> "$summary"
  elif [ "$room" -gt 1000 ]; then
    head -c "$(( room - 200 ))" "$file" | sed '$d' >> "$summary"
    printf '\n_This report was cut to fit GitHub'"'"'s 1 MiB summary limit._\n' >> "$summary"
  fi
}

main() {
  local mode="${INPUT_MODE:-scan}" path="${INPUT_PATH:-.}" fail_on="${INPUT_FAIL_ON:-new}"
  case "$mode" in scan|nightly|fix) ;; *) fail "input 'mode' must be scan, nightly or fix (got '$mode')";; esac
  case "$fail_on" in none|new|regressed|any) ;; *) fail "input 'fail-on' must be none, new, regressed or any";; esac
  local cloud="${INPUT_CLOUD:-}"
  # Any provider the CLI registers: it names the known ones when given another. Only the shape is checked here.
  [[ -z "$cloud" || "$cloud" =~ ^[a-z][a-z0-9-]*$ ]] || fail "input 'cloud' must be a cloud provider name (holdfast cloud --help) or empty"
  local cloud_activity="${INPUT_CLOUD_ACTIVITY:-auto}"
  case "$cloud_activity" in auto|true|false) ;; *) fail "input 'cloud-activity' must be auto, true or false";; esac
  local max_prs="${INPUT_MAX_PRS:-5}"
  [[ "$max_prs" =~ ^[0-9]+$ ]] || fail "input 'max-prs' must be a number"
  local event="${GITHUB_EVENT_NAME:-}"
  if [ "$mode" != nightly ] && { [ -z "$event" ] || [ -z "${GITHUB_EVENT_PATH:-}" ]; }; then
    fail "GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: run the action in a workflow, or use mode: nightly"
  fi

  local -a cmd
  if [ -n "${HOLDFAST_CMD:-}" ]; then
    read -r -a cmd <<< "$HOLDFAST_CMD"
  else
    get_jar
    java_opts "$mode" "$path"
    cmd=(java "${JAVA_OPTS[@]}" -jar "$JAR")
  fi

  local out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/holdfast-action.$$"
  mkdir -p "$out"
  local sarif="${INPUT_SARIF_FILE:-holdfast.sarif}" html="${INPUT_HTML_FILE:-}"
  local summary="${GITHUB_STEP_SUMMARY:-}" outputs="${GITHUB_OUTPUT:-}"
  rm -f "$sarif"  # a report left by an earlier run on this runner must not be uploaded as this run's

  local -a args=(scan "$path" --fail-on "$fail_on" --no-progress
    --report "sarif=$sarif" --report "markdown=$out/summary.md"
    --report "github-annotations=$out/annotations.txt" --report "github-output=$out/outputs.txt")
  if [ "$mode" = nightly ]; then
    args+=(--history)
  else
    args+=(--event "$GITHUB_EVENT_PATH" --event-name "$event")
  fi
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  [ -n "$html" ] && args+=(--report "html=$html")

  quietly "${cmd[@]}" "${args[@]}"
  local rc=$?
  if [ "$rc" -lt 2 ] && [ ! -f "$out/outputs.txt" ]; then
    # Exit 0 or 1 without its reports is a crash (a JVM error exits 1 too), never "clean" or "findings".
    printf '::error title=holdfast::%s\n' "the scan exited $rc without writing its reports; treating it as a failed scan"
    rc=3
  fi

  # Annotations go to stdout, where the runner reads workflow commands.
  [ -f "$out/annotations.txt" ] && cat "$out/annotations.txt"
  if [ -n "$summary" ]; then
    [ -f "$out/summary.md" ] && summarise "$out/summary.md" "$summary"
    if [ "$rc" -ge 2 ]; then
      printf '\n## Holdfast scan failed (exit %s)\n\nThe scan did not complete; this run is not clean. See the log.\n' "$rc" >> "$summary"
    fi
  fi
  local regressions=0 findings=0
  if [ -f "$out/outputs.txt" ]; then
    findings="$(sed -n 's/^findings=\([0-9]*\)$/\1/p' "$out/outputs.txt")"
    regressions="$(sed -n 's/^regressions=\([0-9]*\)$/\1/p' "$out/outputs.txt")"
  fi
  local final=$rc

  if [ -n "$cloud" ] && [ "$rc" -lt 2 ] && { [ "$mode" = nightly ] || [ "$event" = schedule ]; }; then
    local -a cargs=(cloud "$cloud" --repo "$path" --fail-on "$fail_on" --snapshot-out "$out/cloud-snapshot.json"
      --report "markdown=$out/cloud.md")
    [ -n "${INPUT_CLOUD_BASELINE:-}" ] && cargs+=(--baseline "$INPUT_CLOUD_BASELINE")
    case "$cloud_activity" in true) cargs+=(--activity);; false) cargs+=(--no-activity);; esac
    [ -n "${INPUT_CONFIG:-}" ] && cargs+=(--config "$INPUT_CONFIG")
    quietly "${cmd[@]}" "${cargs[@]}"
    local crc=$?
    if [ -n "$summary" ]; then
      if [ -f "$out/cloud.md" ]; then
        printf '\n---\n\n' >> "$summary"
        summarise "$out/cloud.md" "$summary"
      fi
      [ "$crc" -ge 2 ] && printf '\n## Holdfast cloud %s failed (exit %s)\n' "$cloud" "$crc" >> "$summary"
    fi
    if [ "$crc" -ge 2 ]; then final=$crc; elif [ "$crc" -eq 1 ] && [ "$final" -eq 0 ]; then final=1; fi
  fi

  local prs=""
  if { [ "$mode" = fix ] || [ "$mode" = nightly ]; } && [ "$rc" -lt 2 ] && [ "${regressions:-0}" -gt 0 ] \
     && [[ "$event" != pull_request* ]]; then
    [ -n "${GITHUB_REPOSITORY:-}" ] || fail "GITHUB_REPOSITORY is not set: cannot open fix pull requests"
    local -a fargs=(fix "$path" --open-pr "$GITHUB_REPOSITORY" --max-prs "$max_prs")
    [ -n "${INPUT_BASELINE:-}" ] && fargs+=(--baseline "$INPUT_BASELINE")
    [ -n "${INPUT_CONFIG:-}" ] && fargs+=(--config "$INPUT_CONFIG")
    GITHUB_TOKEN="${INPUT_GITHUB_TOKEN:-${GITHUB_TOKEN:-}}" "${cmd[@]}" "${fargs[@]}" > "$out/fix.txt"
    local frc=$?
    quietly cat "$out/fix.txt"
    prs="$(grep -oE 'https?://[^[:space:]]+/pull/[0-9]+' "$out/fix.txt" | sort -u | tr '\n' ' ' | sed 's/ $//')"
    if [ "$frc" -ge 2 ]; then final=$frc; fi
  fi

  if [ -n "$outputs" ]; then
    # A path is set only for a report that exists: an upload step keyed on it never looks for a missing file.
    local sarif_out="" html_out=""
    [ -f "$sarif" ] && sarif_out="$sarif"
    [ -n "$html" ] && [ -f "$html" ] && html_out="$html"
    printf 'findings=%s\nregressions=%s\nsarif-file=%s\nhtml-file=%s\npull-requests=%s\n' \
      "${findings:-0}" "${regressions:-0}" "$sarif_out" "$html_out" "$prs" >> "$outputs"
  fi
  return "$final"
}

case "${1:-run}" in
  plan-build) plan_build ;;
  jar) get_jar; printf '%s\n' "$JAR" ;;
  run) main; exit $? ;;
  *) fail "unknown command '$1' (expected plan-build, run or jar)" ;;
esac
