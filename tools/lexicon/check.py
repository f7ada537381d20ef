#!/usr/bin/env python3
"""Self-check of wordlists/ with the Python reference matcher (lexicon.py).

  check.py [--lexicon wordlists] [--corpus DIR ...]

1. the folder loads (format, duplicates, contradictions, patterns compile);
2. strict clean-corpus run: no typo, expression, number-style or sensitive hit on the proofread
   text (outdated hits are listed and counted: old names are right in historical text);
3. every plain wrong form in the neutral sentence "据悉，WRONG。" yields exactly its own entry;
4. no right form (with a pattern's right side taken literally when it has no $/{cn:}) triggers any list;
5. no allow word is itself a listed wrong form, and every allow word guards at least one entry.
Exit 1 on any failure, with one line per problem.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from lexicon import Matcher, load_or_exit, normalise_term  # noqa: E402

SILENT_LISTS = {"typo", "expression", "number-style", "sensitive"}


def overlaps(allow: str, wrong: str) -> bool:
    """True when `wrong` can occur overlapping `allow` in some text: inside it, or sharing
    an edge (入帐 with 帐篷 in 进入帐篷)."""
    if wrong in allow:
        return True
    return any(allow.startswith(wrong[k:]) or allow.endswith(wrong[:len(wrong) - k])
               for k in range(1, len(wrong)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lexicon", default=os.path.join(ROOT, "wordlists"))
    parser.add_argument("--corpus", action="append",
                        default=None, help="proofread text folder (default: Tests/Fixtures/clean-corpus)")
    args = parser.parse_args()
    corpus_dirs = args.corpus or [os.path.join(ROOT, "Tests", "Fixtures", "clean-corpus")]

    lex = load_or_exit(args.lexicon)
    matcher = Matcher(lex)
    problems = []

    # 2. clean corpus
    outdated = 0
    files = 0
    for directory in corpus_dirs:
        for base, _, names in os.walk(directory):
            for name in sorted(names):
                if not name.endswith(".txt"):
                    continue
                files += 1
                path = os.path.join(base, name)
                text = open(path, encoding="utf-8").read()
                for hit in matcher.match(text, strict=True):
                    if hit.entry.list in SILENT_LISTS:
                        context = text[max(0, hit.start - 8):hit.end + 8].replace("\n", " ")
                        problems.append(f"clean-corpus hit: {os.path.relpath(path, ROOT)}:{hit.start}: "
                                        f"'{hit.matched}' ({hit.entry.source}) in …{context}…")
                    else:
                        outdated += 1

    # 3. neutral sentence
    for entry in lex.plain:
        sentence = f"据悉，{entry.wrong}。"
        hits = matcher.match(sentence)
        if len(hits) != 1 or hits[0].entry is not entry:
            got = ", ".join(f"{h.matched}@{h.entry.source}" for h in hits) or "nothing"
            problems.append(f"{entry.source}: '{entry.wrong}' in a neutral sentence gives {got}")

    # 4. right forms
    for entry in lex.entries:
        if entry.right is None or "$" in entry.right or "{cn:" in entry.right:
            continue
        for part in entry.right.replace("（", "／").replace("）", "／").split("／"):
            for hit in matcher.match(f"据悉，{part}。"):
                problems.append(f"{entry.source}: right form '{part}' triggers '{hit.matched}' ({hit.entry.source})")

    # 5. allow words
    wrong_forms = {normalise_term(e.wrong): e for e in lex.plain}
    for word, source in lex.allow:
        if normalise_term(word) in wrong_forms:
            problems.append(f"{source}: allow word '{word}' is itself listed at {wrong_forms[normalise_term(word)].source}")
        if not any(overlaps(normalise_term(word), w) for w in wrong_forms):
            problems.append(f"{source}: allow word '{word}' guards no entry")

    for problem in problems:
        print(problem)
    counts = {}
    for entry in lex.entries:
        key = entry.list if entry.list != "sensitive" else f"sensitive/{entry.category}"
        counts[key] = counts.get(key, 0) + 1
    print("entries: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) + f", allow={len(lex.allow)}")
    print(f"clean corpus: {files} files, {sum(p.startswith('clean-corpus') for p in problems)} typo/expression/"
          f"number-style/sensitive hits, {outdated} outdated hits (historical names, expected)")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
