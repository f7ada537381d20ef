#!/usr/bin/env python3
"""Rewrite the 依据 column of the hand-written lists without internal references
(see basis.py). Rerun: python3 tools/lexicon/clean_basis.py"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from basis import clean_basis  # noqa: E402

FILES = ["wordlists/expressions.tsv", "wordlists/number-style.tsv", "wordlists/outdated.tsv",
         "wordlists/typos.tsv", "tools/lexicon/gov-typos.tsv"]

for name in FILES:
    path = os.path.join(ROOT, name)
    out = []
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if not line.startswith("#") and len(fields) == 3:
            basis = clean_basis(fields[2])
            fields = fields[:2] + ([basis] if basis else [])
            if len(fields) == 2 and not name.endswith("typos.tsv"):
                fields.append("—")
        out.append("\t".join(fields))
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
    print(name)
