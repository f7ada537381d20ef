#!/usr/bin/env python3
"""Blind held-out evaluation of govlint.

usage: evaluate.py BINARY LEXICON [HELDOUT_TSV] [TRAPS_TSV]

Writes each sentence as one line of a plain-text file (line number = sentence index),
runs `BINARY check --lexicon LEXICON FILE` once per file from /tmp, parses the text
findings  FILE:LINE:COL: severity kind name «wrong» → suggestion  and scores:
  * held-out error FOUND  = some finding on its line overlaps the wrong span
    (character positions overlap, or the «…» text contains / is contained in the wrong span);
  * trap FALSE ALARM      = a trap line has a finding of kind typo/expression/number-style/sensitive.
"""
import os, re, subprocess, sys, tempfile
from collections import OrderedDict, defaultdict

FIND = re.compile(r'^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>\S+) (?P<kind>\S+) (?P<name>\S+) «(?P<match>.*?)»(?: → (?P<sugg>.*))?\s*$')
ALARM_KINDS = {"typo", "expression", "number-style", "sensitive"}
KIND_ORDER = ["idiom", "word", "organ", "formulation", "leader", "place", "repeat", "date", "spam"]

def read_tsv(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as f:
        for ln in f:
            ln = ln.rstrip("\n")
            if not ln.strip():
                continue
            parts = ln.split("\t")
            if parts[0] in ("kind", "sentence"):      # optional header
                continue
            parts += [""] * (ncols - len(parts))
            rows.append(parts[:ncols])
    return rows

def run(binary, lexicon, sentences, tag):
    fd, path = tempfile.mkstemp(prefix="govlint_%s_" % tag, suffix=".txt", dir="/tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        for s in sentences:
            f.write(s + "\n")
    p = subprocess.run([binary, "check", "--lexicon", lexicon, path], cwd="/tmp",
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit("govlint failed with exit code %d" % p.returncode)
    by_line = defaultdict(list)
    for ln in p.stdout.splitlines():
        m = FIND.match(ln)
        if m and os.path.basename(m.group("file")) == os.path.basename(path):
            by_line[int(m.group("line"))].append(dict(col=int(m.group("col")), kind=m.group("kind"),
                                                      sev=m.group("sev"), match=m.group("match"),
                                                      sugg=m.group("sugg") or ""))
    os.unlink(path)
    return by_line

def overlaps(f, sentence, wrong):
    if not wrong:
        return False
    a, b = f["col"] - 1, f["col"] - 1 + len(f["match"])
    i = sentence.find(wrong)
    if i >= 0 and a < i + len(wrong) and i < b and sentence[a:b] == f["match"]:
        return True
    return bool(f["match"]) and (wrong in f["match"] or f["match"] in wrong)

def fmt(f):
    return "%s «%s» → %s" % (f["kind"], f["match"], f["sugg"])

def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    binary, lexicon = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    held_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "heldout.tsv")
    trap_path = sys.argv[4] if len(sys.argv) > 4 else os.path.join(here, "traps.tsv")
    held = read_tsv(held_path, 5)
    traps = [r[0] for r in read_tsv(trap_path, 1)]

    hf = run(binary, lexicon, [r[1] for r in held], "heldout")
    tf = run(binary, lexicon, traps, "traps")

    tot = OrderedDict((k, [0, 0]) for k in KIND_ORDER)
    misses = defaultdict(list)
    for i, (kind, sent, wrong, right, note) in enumerate(held, 1):
        tot.setdefault(kind, [0, 0])
        tot[kind][1] += 1
        fs = hf.get(i, [])
        if any(overlaps(f, sent, wrong) for f in fs):
            tot[kind][0] += 1
        else:
            misses[kind].append((i, sent, wrong, right, fs))

    out = []
    out.append("govlint held-out evaluation  (binary=%s, lexicon=%s)" % (binary, lexicon))
    out.append("held-out errors: %d   traps: %d" % (len(held), len(traps)))
    out.append("")
    out.append("RECALL PER KIND")
    F = N = 0
    for k, (found, n) in tot.items():
        if n:
            out.append("  %-12s %3d/%-3d  %5.1f%%" % (k, found, n, 100.0 * found / n))
            F += found; N += n
    out.append("  %-12s %3d/%-3d  %5.1f%%" % ("OVERALL", F, N, 100.0 * F / N))
    # spam: also line-level (any sensitive finding on the line)
    sp = [(i, r) for i, r in enumerate(held, 1) if r[0] == "spam"]
    if sp:
        anys = sum(1 for i, r in sp if any(f["kind"] == "sensitive" for f in hf.get(i, [])))
        out.append("  (spam lines with any 'sensitive' finding, regardless of span: %d/%d)" % (anys, len(sp)))
    out.append("")
    fa = [(i, t, [f for f in tf.get(i, []) if f["kind"] in ALARM_KINDS]) for i, t in enumerate(traps, 1)]
    fa = [x for x in fa if x[2]]
    other = [(i, t, tf[i]) for i, t in enumerate(traps, 1) if tf.get(i) and not any(f["kind"] in ALARM_KINDS for f in tf[i])]
    out.append("FALSE ALARMS ON TRAPS: %d/%d lines" % (len(fa), len(traps)))
    for i, t, fs in fa:
        out.append("  trap %d: %s" % (i, t))
        for f in fs:
            out.append("      %s" % fmt(f))
    if other:
        out.append("  (trap lines with findings of other kinds only, not counted: %d)" % len(other))
        for i, t, fs in other:
            out.append("  trap %d: %s  [%s]" % (i, t, "; ".join(fmt(f) for f in fs)))
    out.append("")
    out.append("MISSES (line, sentence, wrong → right; other findings on that line, if any)")
    for k in tot:
        if misses.get(k):
            out.append("[%s] %d missed" % (k, len(misses[k])))
            for i, sent, wrong, right, fs in misses[k]:
                extra = ("   | other findings: " + "; ".join(fmt(f) for f in fs)) if fs else ""
                out.append("  %3d  %s   «%s» → %s%s" % (i, sent, wrong, right or "(delete)", extra))
    print("\n".join(out))

if __name__ == "__main__":
    main()
