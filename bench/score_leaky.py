#!/usr/bin/env python3
"""Scores a secret scan of the leaky-repo corpus against its .leaky-meta/secrets.csv.

secrets.csv has one row per file: name,num_risk,num_informative. num_risk counts lines that hold a usable secret,
num_informative lines that only disclose something useful (user names, hosts); a line with both counts as risk.
The CSV does not say WHICH lines, so per file:
  risky lines found = min(flagged lines, num_risk)
  extra lines       = max(0, flagged lines - (num_risk + num_informative))   (files not in the CSV: every line)
  covered           = the file has num_risk > 0 and at least one flagged line
Input: findings as JSON, either a Holdfast report ({"findings": [{"location": {"path", "line"}}...]}) or JSON lines
({"path", "line"}). Files under .leaky-meta/ (the benchmark's own metadata) are not part of the corpus.
"""
import csv
import json
import sys
from collections import defaultdict


def load_truth(csv_path):
    truth = {}
    with open(csv_path) as f:
        for row in csv.reader(line for line in f if line.strip() and not line.startswith('#')):
            truth[row[0].strip().removeprefix('/')] = (int(row[1]), int(row[2]))
    return truth


def load_flagged(findings_path):
    text = open(findings_path).read().strip()
    items = []
    if text.startswith('{') and '\n' not in text.split('}', 1)[0] and text.count('\n') > 0 and '"findings"' not in text:
        items = [json.loads(l) for l in text.splitlines() if l.strip()]
    else:
        try:
            doc = json.loads(text) if text else {}
        except json.JSONDecodeError:
            doc = None
        if isinstance(doc, dict) and 'findings' in doc:
            for f in doc['findings']:
                loc = f.get('location', f)
                items.append({'path': loc.get('path'), 'line': loc.get('line')})
        elif isinstance(doc, dict):
            items = [doc]
        else:
            items = [json.loads(l) for l in text.splitlines() if l.strip()]
    flagged = defaultdict(set)
    for it in items:
        path = (it.get('path') or '').removeprefix('./')
        if path.startswith('leaky-repo/'):
            path = path[len('leaky-repo/'):]
        if path and not path.startswith('.leaky-meta/'):
            flagged[path].add(it.get('line'))
    return flagged


def main():
    truth = load_truth(sys.argv[1])
    flagged = load_flagged(sys.argv[2])
    risky_files = [p for p, (r, _) in truth.items() if r > 0]
    total_risk = sum(r for r, _ in truth.values())
    covered = found = extra = 0
    rows = []
    for path in sorted(set(truth) | set(flagged)):
        risk, info = truth.get(path, (0, 0))
        n = len(flagged.get(path, ()))
        f = min(n, risk)
        x = max(0, n - risk - info)
        found += f
        extra += x
        if risk > 0 and n > 0:
            covered += 1
        rows.append((path, n, risk, info, f, x))
    print(f"{'file':45} flagged risk info found extra")
    for path, n, risk, info, f, x in rows:
        mark = '  MISSED' if risk > 0 and n == 0 else ''
        print(f"{path:45} {n:7} {risk:4} {info:4} {f:5} {x:5}{mark}")
    print()
    print(f"files with risky lines covered: {covered} of {len(risky_files)} (target >= 41)")
    print(f"risky lines found:              {found} of {total_risk} (target >= 87)")
    print(f"extra flagged lines:            {extra} (target <= 10)")
    ok = covered >= 41 and found >= 87 and extra <= 10
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
