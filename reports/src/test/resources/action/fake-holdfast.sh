#!/usr/bin/env bash
# Stands in for the holdfast CLI in ActionScriptTest: records each call's arguments (one per line, "--" after each
# call) in $FAKE_LOG and writes canned reports where --report FORMAT=FILE asks for them.
printf '%s\n' "$@" >> "$FAKE_LOG"
echo "--" >> "$FAKE_LOG"
command="$1"
# What a hostile file name in a pull request could make the real CLI print:
echo "leaked/::set-env name=PATH::/tmp/evil"
echo "::add-mask::nothing"
case "$command" in
  scan|cloud)
    [ "$1" = cloud ] && { echo "cloud: 2 findings"; FAKE_RC="${FAKE_CLOUD_RC:-0}"; }
    [ -n "${FAKE_CRASH:-}" ] && { echo "Exception in thread \"main\" java.lang.ClassFormatError" >&2; exit 1; }
    [ "${FAKE_RC:-0}" -ge 2 ] && { echo "holdfast: cannot read repository" >&2; exit "$FAKE_RC"; }
    while [ $# -gt 0 ]; do
      if [ "$1" = --report ]; then
        file="${2#*=}"
        case "${2%%=*}" in
          sarif) [ -z "${FAKE_NO_SARIF:-}" ] && echo '{"version":"2.1.0","runs":[]}' > "$file" ;;
          html) echo '<!doctype html><title>holdfast</title>' > "$file" ;;
          markdown)
            printf '## Holdfast: fake summary of %s\n' "$command" > "$file"
            if [ "$command" = cloud ] && [ -n "${FAKE_CLOUD_MD_BYTES:-}" ]; then
              yes '| high | new | `iam-wildcard` | arn:aws:iam::123456789012:role/x | s3:* |' | head -c "$FAKE_CLOUD_MD_BYTES" >> "$file"
            fi ;;
          github-annotations) printf '::error file=a.txt,line=1::fake finding\n' > "$file" ;;
          github-output) printf 'findings=%s\nregressions=%s\nnew=0\n' "${FAKE_FINDINGS:-3}" "${FAKE_REGRESSIONS:-1}" > "$file" ;;
        esac
        shift
      fi
      shift
    done
    exit "${FAKE_RC:-0}" ;;
  fix)
    echo "opened https://github.com/octo/repo/pull/7"
    echo "updated https://github.com/octo/repo/pull/5" ;;
esac
