#!/usr/bin/env python3
"""Recall of `govlint check` on the held-out errors (heldout.tsv), per kind, and the
findings per 200,000 characters on proofread text (the clean corpus).

Usage: python3 tools/lexicon/heldout/measure.py [GOVLINT] [--corpus DIR ...]
An error counts as found when a typo/expression/number-style/sensitive/repeated-word
finding overlaps the wrong text of its sentence."""

import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
RULES = {"typo", "expression", "number-style", "sensitive", "repeated-word"}
PRECISION_RULES = {"typo", "expression", "number-style", "sensitive"}


def run(govlint, paths):
    out = subprocess.run([govlint, "check", "--lexicon", os.path.join(ROOT, "wordlists"), "--fail-on", "none",
                          "--format", "jsonl", *paths], capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main():
    args = sys.argv[1:]
    govlint = args[0] if args and not args[0].startswith("--") else os.path.join(ROOT, ".build/debug/govlint")
    corpora = [args[i + 1] for i, a in enumerate(args) if a == "--corpus"]
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(HERE, "heldout.tsv"), encoding="utf-8")
            if line.strip() and not line.startswith("#")]
    found = collections.Counter()
    total = collections.Counter()
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (kind, sentence, wrong) in enumerate(rows):
            path = os.path.join(tmp, f"s{i:04d}.txt")
            open(path, "w", encoding="utf-8").write(sentence + "\n")
            paths.append(path)
        findings = collections.defaultdict(list)
        for f in run(govlint, paths):
            findings[os.path.basename(f.get("url", ""))].append(f)
        for i, (kind, sentence, wrong) in enumerate(rows):
            total[kind] += 1
            start = sentence.find(wrong)
            span = range(start, start + len(wrong))
            hit = any(f["rule"] in RULES and f.get("offset") is not None
                      and set(range(f["offset"], f["offset"] + len(f["match"]))) & set(span)
                      for f in findings[f"s{i:04d}.txt"])
            if not hit:
                hit = any(f["rule"] in RULES and f["match"] in sentence and
                          set(range(sentence.find(f["match"]), sentence.find(f["match"]) + len(f["match"]))) & set(span)
                          for f in findings[f"s{i:04d}.txt"])
            found[kind] += hit
            if not hit:
                missed.append((kind, wrong))
    print("kind\tfound/total\trecall")
    for kind in sorted(total):
        print(f"{kind}\t{found[kind]}/{total[kind]}\t{100 * found[kind] / total[kind]:.0f} %")
    print(f"all\t{sum(found.values())}/{sum(total.values())}\t{100 * sum(found.values()) / sum(total.values()):.0f} %")
    print("missed: " + " ".join(w for _, w in missed))
    for corpus in corpora:
        files = [os.path.join(d, n) for d, _, ns in os.walk(corpus) for n in ns if n.endswith(".txt")]
        chars = sum(len(open(p, encoding="utf-8").read()) for p in files)
        fs = [f for f in run(govlint, files) if f["rule"] in PRECISION_RULES]
        print(f"{corpus}: {len(fs)} typo/expression/number-style/sensitive findings in {chars} characters "
              f"= {len(fs) * 200000 / max(chars, 1):.2f} per 200,000")
        for f in fs[:40]:
            print(f"  {f['rule']} {f['match']} → {f.get('suggestion')} | {f['context']}")


if __name__ == "__main__":
    main()
