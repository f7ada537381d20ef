#!/usr/bin/env python3
"""Write or verify Tests/Fixtures/planted/planted.expected.tsv: the hits the reference matcher
finds in planted.txt (list, wrong, right; for sensitive hits the third column is the category).

  planted.py --write   regenerate after editing planted.txt (then read the diff!)
  planted.py           verify (exit 1 on any difference)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from lexicon import Matcher, load_or_exit  # noqa: E402

PLANTED = os.path.join(ROOT, "Tests", "Fixtures", "planted", "planted.txt")
EXPECTED = os.path.join(ROOT, "Tests", "Fixtures", "planted", "planted.expected.tsv")
HEADER = ("# Expected lexicon hits in planted.txt, in text order: list<TAB>wrong<TAB>right\n"
          "# (for sensitive hits the third column is the category). Errors planted from INDICATORS.md §4.\n")


def rows() -> list[str]:
    matcher = Matcher(load_or_exit(os.path.join(ROOT, "wordlists")))
    text = open(PLANTED, encoding="utf-8").read()
    return [f"{h.entry.list}\t{h.matched}\t{h.replacement if h.entry.list != 'sensitive' else h.entry.category}"
            for h in matcher.match(text)]


def main() -> int:
    found = rows()
    if "--write" in sys.argv:
        with open(EXPECTED, "w", encoding="utf-8") as out:
            out.write(HEADER + "\n".join(found) + "\n")
        print(f"{len(found)} expected hits written")
        return 0
    expected = [l.rstrip("\n") for l in open(EXPECTED, encoding="utf-8") if l.strip() and not l.startswith("#")]
    if expected != found:
        for line in sorted(set(expected) ^ set(found)):
            print(("missing: " if line in expected else "unexpected: ") + line)
        return 1
    print(f"planted: {len(found)} hits as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
