#!/usr/bin/env python3
"""Findings per MB per corpus, and precision on the hand-labelled sample (bench/precision-labels.tsv).

A label names a finding without its value: corpus, rule, path (relative to the corpus), the first 16 hex digits of
the SHA-256 of the flagged line (stripped), and a verdict: tp (a credential, real or a realistic-looking test one)
or fp (not a credential). The same (corpus, rule, path, line hash) found again on a later run is the same finding,
whatever line it moved to.

Usage: precision_report.py CORPORA_DIR RESULTS_DIR LABELS_TSV [UNLABELLED_TO_LIST]
"""
import collections
import hashlib
import json
import os
import sys

corpora, results, labels_path = sys.argv[1], sys.argv[2], sys.argv[3]
show_unlabelled = int(sys.argv[4]) if len(sys.argv) > 4 else 0


def line_hash(corpus, path, line):
    try:
        with open(os.path.join(corpora, corpus, path), 'rb') as f:
            for i, raw in enumerate(f, 1):
                if i == line:
                    return hashlib.sha256(raw.strip()).hexdigest()[:16]
    except OSError:
        pass
    return '-'


def corpus_bytes(corpus):
    total = 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(corpora, corpus)):
        dirnames[:] = [d for d in dirnames if d != '.git']
        for n in filenames:
            p = os.path.join(dirpath, n)
            if os.path.isfile(p) and not os.path.islink(p):
                total += os.path.getsize(p)
    return total


labels = {}
if os.path.exists(labels_path):
    with open(labels_path) as f:
        for row in f:
            if row.startswith('#') or not row.strip():
                continue
            corpus, rule, path, h, verdict = row.rstrip('\n').split('\t')[:5]
            labels[(corpus, rule, path, h)] = verdict

by_line = {k[:1] + k[2:]: v for k, v in labels.items()}
findings = []
print('%-8s %9s %9s %10s %8s %8s   %s' % ('corpus', 'MB', 'findings', 'per MB', 'high+', 'generic', 'top rules'))
totals = collections.Counter()
for name in sorted(os.listdir(results)):
    if not name.endswith('.json'):
        continue
    corpus = name[:-5]
    try:
        with open(os.path.join(results, name)) as f:
            report = json.load(f)
    except (OSError, ValueError):
        print('%-8s scan failed' % corpus)
        continue
    mb = corpus_bytes(corpus) / 1e6
    fs = [f for f in report['findings'] if f.get('category') == 'secret']
    high = sum(1 for f in fs if f['severity'] in ('high', 'critical'))
    generic = sum(1 for f in fs if f['ruleId'].startswith('generic'))
    by_rule = collections.Counter(f['ruleId'] for f in fs)
    top = ', '.join('%s %d' % kv for kv in by_rule.most_common(4))
    print('%-8s %9.1f %9d %10.3f %8d %8d   %s' % (corpus, mb, len(fs), len(fs) / mb if mb else 0, high, generic, top))
    totals.update(mb=mb, findings=len(fs), high=high, generic=generic)
    for f in fs:
        loc = f['location']
        findings.append((corpus, f['ruleId'], loc['path'], loc['line'], f['severity']))
mb = totals['mb']
print('%-8s %9.1f %9d %10.3f %8d %8d' % ('all', mb, totals['findings'], totals['findings'] / mb if mb else 0,
                                         totals['high'], totals['generic']))

verdicts = collections.Counter()
unlabelled = []
current = set()
for corpus, rule, path, line, severity in findings:
    key = (corpus, rule, path, line_hash(corpus, path, line))
    current.add(key)
    v = labels.get(key)
    if v is None:
        # the same line found by another rule than the labelled one is the same finding for the reader
        v = by_line.get(key[:1] + key[2:])
        if v is not None:
            current.add(next(k for k in labels if k[:1] + k[2:] == key[:1] + key[2:]))
    if v is None:
        unlabelled.append((corpus, rule, path, line, key[3], severity))
    else:
        verdicts[(v, 'high' if severity in ('high', 'critical') else 'lower')] += 1
tp = verdicts[('tp', 'high')] + verdicts[('tp', 'lower')]
fp = verdicts[('fp', 'high')] + verdicts[('fp', 'lower')]
gone = collections.Counter(v for k, v in labels.items() if k not in current)
print()
print('labelled sample: %d labels (%d tp, %d fp)' % (len(labels), sum(1 for v in labels.values() if v == 'tp'),
                                                   sum(1 for v in labels.values() if v == 'fp')))
print('  found now: %d tp, %d fp -> precision %.1f%% on the labelled findings found' % (
    tp, fp, 100.0 * tp / (tp + fp) if tp + fp else 0.0))
print('  of those at high/critical: %d tp, %d fp -> precision %.1f%%' % (
    verdicts[('tp', 'high')], verdicts[('fp', 'high')],
    100.0 * verdicts[('tp', 'high')] / (verdicts[('tp', 'high')] + verdicts[('fp', 'high')])
    if verdicts[('tp', 'high')] + verdicts[('fp', 'high')] else 0.0))
print('  no longer found: %d fp (noise removed), %d tp (lost: should be 0)' % (gone['fp'], gone['tp']))
print('  findings without a label: %d' % len(unlabelled))
if show_unlabelled:
    for corpus, rule, path, line, h, severity in unlabelled[:show_unlabelled]:
        print('\t'.join([corpus, rule, path, h, '?', str(line), severity]))
