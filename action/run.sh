#!/usr/bin/env bash
# The holdfast GitHub Action: decides what to scan from the event, runs the CLI, and hands its reports to GitHub
# ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT, workflow-command annotations). Every count and annotation comes from the
# CLI's own report formats, so this script parses no findings itself; it reads only the event's commit ids.
#
#   run.sh            run the action (inputs come as INPUT_* variables, see action.yml)
#   run.sh fetch-jar  only download and verify the jar, print its path
#
# HOLDFAST_CMD overrides the command that runs the CLI (tests use a fake that records its arguments). The JVM options
# come from bin/jvm-opts, the one policy the ./holdfast wrapper uses too.
set -uo pipefail
# shellcheck source=../bin/jvm-opts
. "$(dirname "${BASH_SOURCE[0]}")/../bin/jvm-opts"

ZERO_SHA=0000000000000000000000000000000000000000

note() { printf '%s\n' "holdfast-action: $*" >&2; }
fail() { printf '::error title=holdfast action::%s\n' "$*"; exit 2; }

is_sha() { [[ "$1" =~ ^[0-9a-f]{40}$ ]]; }

event_field() {
  # Reads one field of the event payload; empty when absent. jq is on every GitHub-hosted runner.
  [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ] || return 0
  jq -r "$1 // empty" "$GITHUB_EVENT_PATH"
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Resolves the jar into JAR: a local path (with an optional checksum), or a pinned release version whose sha256 must
# match. No floating versions: "latest" or a missing checksum is refused.
fetch_jar() {
  local jar="${INPUT_JAR:-}" want="${INPUT_JAR_SHA256:-}" version="${INPUT_VERSION:-}"
  if [ -n "$want" ] && ! [[ "$want" =~ ^[0-9a-f]{64}$ ]]; then
    fail "jar-sha256 must be 64 lower-case hex characters"
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

# Sets SCAN_ARGS (the commits to scan) and SCOPE (one line for the summary) from the event.
choose_range() {
  local event="${GITHUB_EVENT_NAME:-}" mode="$1"
  SCAN_ARGS=()
  if [ "$mode" = nightly ]; then
    SCAN_ARGS=(--history); SCOPE="nightly: every commit reachable from any ref"; return 0
  fi
  case "$event" in
    push)
      local before after deleted default
      before="$(event_field .before)"; after="$(event_field .after)"; deleted="$(event_field .deleted)"
      default="$(event_field .repository.default_branch)"
      if [ "$deleted" = true ] || [ "$after" = "$ZERO_SHA" ]; then
        SCOPE="push deleted a branch: nothing to scan"; return 1
      fi
      is_sha "$after" || fail "push event without a valid 'after' commit"
      if [ "$before" = "$ZERO_SHA" ] || [ -z "$before" ]; then
        # New branch: only the commits that are not on the default branch are new.
        local base
        base="$(merge_base_with_default "$default" "$after")"
        if [ -n "$base" ]; then
          SCAN_ARGS=(--range "$base..$after"); SCOPE="push of a new branch: commits since it left ${default}"
        else
          SCAN_ARGS=(--history)
          SCOPE="push of a new branch with no merge base on ${default:-the default branch}: whole history"
          printf '::notice title=holdfast::%s\n' "New branch without a merge base with origin/${default:-?}: scanning the whole history (fetch the default branch, e.g. fetch-depth: 0, to scan only the new commits)"
        fi
      elif is_sha "$before" && git cat-file -e "${before}^{commit}" 2>/dev/null; then
        # Also right for a force push: the range is what 'after' has that 'before' had not.
        SCAN_ARGS=(--range "$before..$after")
        if [ "$(event_field .forced)" = true ]; then SCOPE="force push: commits in ${after:0:12} not in ${before:0:12}"
        else SCOPE="push: commits ${before:0:12}..${after:0:12}"; fi
      else
        local base
        base="$(merge_base_with_default "$default" "$after")"
        printf '::warning title=holdfast::%s\n' "The pushed-over commit ${before:0:12} is not in the checkout (shallow clone or force push); use actions/checkout with fetch-depth: 0"
        if [ -n "$base" ]; then
          SCAN_ARGS=(--range "$base..$after"); SCOPE="push: commits since the merge base with ${default} (previous head unavailable)"
        else
          SCAN_ARGS=(--history); SCOPE="push: whole history (previous head unavailable)"
        fi
      fi
      ;;
    pull_request|pull_request_target)
      local base_sha head_sha mb
      base_sha="$(event_field .pull_request.base.sha)"; head_sha="$(event_field .pull_request.head.sha)"
      is_sha "$base_sha" && is_sha "$head_sha" || fail "pull_request event without base and head commits"
      if mb="$(git merge-base "$base_sha" "$head_sha" 2>/dev/null)" && is_sha "$mb"; then
        SCAN_ARGS=(--range "$mb..$head_sha")
      else
        printf '::warning title=holdfast::%s\n' "No merge base between ${base_sha:0:12} and ${head_sha:0:12} in the checkout; use fetch-depth: 0"
        SCAN_ARGS=(--range "$base_sha..$head_sha")
      fi
      SCOPE="pull request: commits ${SCAN_ARGS[1]}"
      ;;
    *)
      SCAN_ARGS=(--history); SCOPE="${event:-manual} run: every commit reachable from any ref"
      ;;
  esac
  return 0
}

merge_base_with_default() {
  local default="$1" after="$2" base
  [ -n "$default" ] && git check-ref-format --branch "$default" >/dev/null 2>&1 || return 0
  for ref in "refs/remotes/origin/$default" "refs/heads/$default"; do
    if git rev-parse -q --verify "$ref^{commit}" >/dev/null 2>&1; then
      base="$(git merge-base "$ref" "$after" 2>/dev/null)" || continue
      if is_sha "$base" && [ "$base" != "$after" ]; then printf '%s\n' "$base"; return 0; fi
    fi
  done
  return 0
}

# Runs the jar with the JVM options bin/jvm-opts chooses for these arguments.
cli_with_jvm_policy() {
  holdfast_jvm_opts "$@"
  java "${HOLDFAST_JVM_OPTS[@]}" -jar "$JAR" "$@"
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

main() {
  local mode="${INPUT_MODE:-scan}" path="${INPUT_PATH:-.}" fail_on="${INPUT_FAIL_ON:-new}"
  case "$mode" in scan|nightly|fix) ;; *) fail "input 'mode' must be scan, nightly or fix (got '$mode')";; esac
  case "$fail_on" in none|new|regressed|any) ;; *) fail "input 'fail-on' must be none, new, regressed or any";; esac
  local cloud="${INPUT_CLOUD:-}"
  case "$cloud" in ''|aws|azure) ;; *) fail "input 'cloud' must be aws, azure or empty";; esac
  local max_prs="${INPUT_MAX_PRS:-5}"
  [[ "$max_prs" =~ ^[0-9]+$ ]] || fail "input 'max-prs' must be a number"

  local -a cmd
  if [ -n "${HOLDFAST_CMD:-}" ]; then
    read -r -a cmd <<< "$HOLDFAST_CMD"
  else
    fetch_jar
    cmd=(cli_with_jvm_policy)
  fi

  local out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/holdfast-action.$$"
  mkdir -p "$out"
  local sarif="${INPUT_SARIF_FILE:-holdfast.sarif}"
  local summary="${GITHUB_STEP_SUMMARY:-}" outputs="${GITHUB_OUTPUT:-}"

  SCOPE=""
  if ! choose_range "$mode"; then
    note "$SCOPE"
    [ -n "$summary" ] && printf '## Holdfast\n\n%s\n' "$SCOPE" >> "$summary"
    [ -n "$outputs" ] && printf 'findings=0\nregressions=0\nsarif-file=\npull-requests=\n' >> "$outputs"
    return 0
  fi

  local -a args=(scan "$path" "${SCAN_ARGS[@]}" --fail-on "$fail_on" --no-progress
    --report "sarif=$sarif" --report "markdown=$out/summary.md"
    --report "github-annotations=$out/annotations.txt" --report "github-output=$out/outputs.txt")
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  [ -n "${INPUT_HTML_FILE:-}" ] && args+=(--report "html=$INPUT_HTML_FILE")

  note "$SCOPE"
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
    if [ -f "$out/summary.md" ]; then
      cat "$out/summary.md" >> "$summary"
      printf '\n<sub>Scope: %s</sub>\n' "$SCOPE" >> "$summary"
    fi
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

  if [ -n "$cloud" ] && [ "$rc" -lt 2 ] && { [ "$mode" = nightly ] || [ "${GITHUB_EVENT_NAME:-}" = schedule ]; }; then
    local -a cargs=(cloud "$cloud" --repo "$path" --fail-on "$fail_on" --snapshot-out "$out/cloud-snapshot.json"
      --report "markdown=$out/cloud.md")
    [ -n "${INPUT_CLOUD_BASELINE:-}" ] && cargs+=(--baseline "$INPUT_CLOUD_BASELINE")
    [ -n "${INPUT_CONFIG:-}" ] && cargs+=(--config "$INPUT_CONFIG")
    quietly "${cmd[@]}" "${cargs[@]}"
    local crc=$?
    if [ -n "$summary" ]; then
      if [ -f "$out/cloud.md" ]; then
        printf '\n---\n\n' >> "$summary"
        # GitHub refuses a step summary over 1 MiB: the cloud part gets what the scan left, cut at a line.
        local room=$(( 1000000 - $(wc -c < "$summary") ))
        if [ "$(wc -c < "$out/cloud.md")" -le "$room" ]; then
          cat "$out/cloud.md" >> "$summary"
        elif [ "$room" -gt 1000 ]; then
          head -c "$(( room - 200 ))" "$out/cloud.md" | sed '$d' >> "$summary"
          printf '\n_The cloud report was cut to fit GitHub'"'"'s 1 MiB summary limit._\n' >> "$summary"
        fi
      fi
      [ "$crc" -ge 2 ] && printf '\n## Holdfast cloud %s failed (exit %s)\n' "$cloud" "$crc" >> "$summary"
    fi
    if [ "$crc" -ge 2 ]; then final=$crc; elif [ "$crc" -eq 1 ] && [ "$final" -eq 0 ]; then final=1; fi
  fi

  local prs=""
  if { [ "$mode" = fix ] || [ "$mode" = nightly ]; } && [ "$rc" -lt 2 ] && [ "${regressions:-0}" -gt 0 ] \
     && [[ "${GITHUB_EVENT_NAME:-}" != pull_request* ]]; then
    [ -n "${GITHUB_REPOSITORY:-}" ] || fail "GITHUB_REPOSITORY is not set: cannot open fix pull requests"
    local -a fargs=(fix "$path" --open-pr "$GITHUB_REPOSITORY" --max-prs "$max_prs")
    [ -n "${INPUT_BASELINE:-}" ] && fargs+=(--baseline "$INPUT_BASELINE")
    GITHUB_TOKEN="${INPUT_GITHUB_TOKEN:-${GITHUB_TOKEN:-}}" "${cmd[@]}" "${fargs[@]}" > "$out/fix.txt"
    local frc=$?
    quietly cat "$out/fix.txt"
    prs="$(grep -oE 'https?://[^[:space:]]+/pull/[0-9]+' "$out/fix.txt" | sort -u | tr '\n' ' ' | sed 's/ $//')"
    if [ "$frc" -ge 2 ]; then final=$frc; fi
  fi

  if [ -n "$outputs" ]; then
    printf 'findings=%s\nregressions=%s\nsarif-file=%s\npull-requests=%s\n' \
      "${findings:-0}" "${regressions:-0}" "$sarif" "$prs" >> "$outputs"
  fi
  return "$final"
}

case "${1:-run}" in
  fetch-jar) fetch_jar; printf '%s\n' "$JAR" ;;
  run) main; exit $? ;;
  *) fail "unknown command '$1' (expected run or fetch-jar)" ;;
esac
