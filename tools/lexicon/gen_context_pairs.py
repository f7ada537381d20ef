#!/usr/bin/env python3
"""Expand tools/lexicon/context-pairs.tsv into the context section of wordlists/typos.tsv.

A context-dependent 别字 (截止/截至, 权力/权利, 反映/反应, 启事/启示, 度过/渡过 …) is wrong only
beside certain words: each row names the wrong word, the right one, the words that may stand
before it and those that may stand after it; each context word makes one typo entry
(截至 + 日期 → 截至日期 ⇒ 截止日期). An entry that occurs in the proofread corpus is left out
and reported (there it is correct text), and so is one already listed elsewhere in typos.tsv.

The output replaces the section between MARKER and the next "# ---" line of typos.tsv.
Rerun: python3 tools/lexicon/gen_context_pairs.py --corpus ../shared/corpus --corpus Tests/Fixtures/clean-corpus
"""
import argparse
import os
import sys

import typos_section
from corpus import read_corpus

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MARKER = "# --- 语境别字 (tools/lexicon/gen_context_pairs.py from tools/lexicon/context-pairs.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--pairs", default=os.path.join(HERE, "context-pairs.tsv"))
    parser.add_argument("--typos", default=os.path.join(ROOT, "wordlists", "typos.tsv"))
    args = parser.parse_args()
    corpus = read_corpus(args.corpus)
    rows = {}
    for number, line in enumerate(open(args.pairs, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 5:
            sys.exit(f"{args.pairs}:{number}: expected 5 columns, found {len(parts)}")
        wrong, right, before, after, basis = parts
        # Both sides named: the word between them (热烈 + 地 + 掌声); else the one side.
        befores = [""] if before == "-" else before.split("|")
        afters = [""] if after == "-" else after.split("|")
        if before == after == "-":
            sys.exit(f"{args.pairs}:{number}: a context-dependent pair needs words before or after it")
        for b in befores:
            for a in afters:
                rows.setdefault(b + wrong + a, (b + right + a, basis))
    lines = open(args.typos, encoding="utf-8").read().split("\n")
    # First run: after the classic 别字 section, before the generated word confusions.
    begin, end = typos_section.locate(lines, MARKER, "# --- 常见别字字对生成的词")
    listed = typos_section.listed_outside(lines, begin, end)
    kept, dropped = [], []
    for wrong in sorted(rows):
        right, basis = rows[wrong]
        if wrong in corpus:
            dropped.append(f"{wrong} (in the proofread corpus)")
        elif wrong in listed:
            dropped.append(f"{wrong} (listed already)")
        else:
            kept.append(f"{wrong}\t{right}\t{basis}")
    section = [f"{MARKER}: a word wrong beside these words; forms found in the proofread corpus left out) ---"] + kept
    typos_section.replace(args.typos, lines, begin, end, section)
    print(f"{len(kept)} entries; left out: {dropped}", file=sys.stderr)


if __name__ == "__main__":
    main()
