#!/usr/bin/env python3
"""Curate wordlists/typos.tsv from the raw pair lists, recording a reason for every drop.

Input
  - the merged raw pairs (lexicon-sources/typos/typos_merged.tsv, 9,232 pairs from
    word-checker, pycorrector and macro-correct, Apache-2.0);
  - jieba's dict.txt (MIT) as a word list with frequencies, to spot wrong forms that are
    real words or fragments of real words;
  - the proofread reference text (Tests/Fixtures/clean-corpus/ plus the 学习强国 sentences);
  - tools/lexicon/review.tsv: the decisions taken by reading (wrong, right, decision, reason);
  - tools/lexicon/gov-typos.tsv: hand-written pairs typical of government writing.

Output
  - wordlists/typos.tsv (kept pairs, header with sources and licence);
  - tools/lexicon/rejected.tsv (every dropped raw pair with its reason);
  - tools/lexicon/typos-summary.tsv (counts per reason);
  - tools/lexicon/to-review.tsv (survivors of the automatic filters: every one was read; drops go to review.tsv).

Usage: curate_typos.py --sources DIR --jieba-dict PATH --corpus DIR [--corpus DIR ...]
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from lexicon import is_han  # noqa: E402
from basis import clean_basis  # noqa: E402
from corpus import read_corpus  # noqa: E402

SOURCE_URLS = {
    "word-checker": "houbb/word-checker@9473c12",
    "pycorrector": "shibing624/pycorrector@fc8aa56",
    "macro-correct": "yongzhuo/macro-correct@abdf406",
}

# Characters whose swaps are grammatical choices that depend on the sentence, not spelling.
CONTEXT_CHARS = [set("的地得"), set("做作"), set("在再"), set("他她它"), set("那哪"), set("象像"),
                 set("须需"), set("即既"), set("已以"), set("及即")]
# Very common single-character words: a 2-character wrong form made of one of these and
# another character turns up across word boundaries in ordinary text.
FUNCTION_CHARS = set("的了是在不和有也就都而及与着把被对从向到为以于之其这那个们我你他她它上下中来去说要会能可将让给又还更最很已")


# The frequency-ratio rule for wrong forms that are (rare) dictionary entries.
RARE_WRONG_MAX = 30
TYPO_RATIO = 20

# Expected cross-boundary occurrences per million words above which a short wrong form is
# dropped: 0.05 keeps 眼晴/躁热-like pairs and drops 共车 (公共车辆), 理物 (管理物资), 家重.
BOUNDARY_RISK_LIMIT = 0.05

try:  # opencc-python-reimplemented (Apache-2.0), only to recognise traditional spellings
    import opencc
    TO_SIMPLIFIED = opencc.OpenCC("t2s").convert
except ImportError:  # pragma: no cover - curation needs it, say so
    sys.exit("curate_typos.py needs `pip install opencc-python-reimplemented jieba`")


def read_jieba(path: str) -> dict[str, int]:
    words = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    return words


def diff_chars(wrong: str, right: str) -> list[tuple[str, str]]:
    if len(wrong) != len(right):
        return []
    return [(a, b) for a, b in zip(wrong, right) if a != b]


class SubstringIndex:
    """Which dictionary words (freq >= floor) contain a given string as a proper substring."""

    def __init__(self, words: dict[str, int], floor: int):
        self.by_bigram: dict[str, list[str]] = collections.defaultdict(list)
        for word, freq in words.items():
            if freq >= floor and 3 <= len(word) <= 8:
                for i in range(len(word) - 1):
                    self.by_bigram[word[i:i + 2]].append(word)

    def containing(self, fragment: str) -> list[str]:
        return [w for w in self.by_bigram.get(fragment[:2], []) if fragment in w and w != fragment]


def edge_masses(words: dict[str, int]) -> tuple[int, dict[str, int], dict[str, int]]:
    """The dictionary's total frequency, and per character how often words start and end with it."""
    start_mass: dict[str, int] = collections.Counter()
    end_mass: dict[str, int] = collections.Counter()
    for word, freq in words.items():
        start_mass[word[0]] += freq
        end_mass[word[-1]] += freq
    return sum(words.values()), start_mass, end_mass


def boundary_risk(pair: str, start_mass: dict[str, int], end_mass: dict[str, int], total: int) -> float:
    """Expected occurrences per million words of a 2-character string made of the end of one
    word and the start of the next (independence estimate from jieba frequencies)."""
    return end_mass.get(pair[0], 0) / total * start_mass.get(pair[1], 0) / total * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", required=True, help="lexicon-sources/typos directory")
    parser.add_argument("--jieba-dict", required=True)
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--out", default=os.path.join(ROOT, "wordlists", "typos.tsv"))
    args = parser.parse_args()

    jieba = read_jieba(args.jieba_dict)
    total, start_mass, end_mass = edge_masses(jieba)
    substrings = SubstringIndex(jieba, floor=3)
    char_mass: dict[str, int] = collections.Counter()
    for word, freq in jieba.items():
        for ch in word:
            char_mass[ch] += freq
    char_rank = {ch: rank for rank, (ch, _) in enumerate(char_mass.most_common())}
    corpus = read_corpus(args.corpus)

    with open(os.path.join(args.sources, "typos_merged.tsv"), encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle, delimiter="\t"))

    review = {}
    with open(os.path.join(HERE, "review.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            wrong, right, decision, reason = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
            review[(wrong, right)] = (decision, reason)

    pairs_by_wrong = collections.defaultdict(set)
    raw_pairs = set()
    for row in raw:
        pairs_by_wrong[row["wrong"]].add(row["right"])
        raw_pairs.add((row["wrong"], row["right"]))
    all_rights = {r for _, r in raw_pairs}

    decisions = []  # (row, reason or None)
    for row in raw:
        wrong, right, sources = row["wrong"], row["right"], row["sources"]
        reason = automatic_reason(row, jieba, pairs_by_wrong, raw_pairs, all_rights, corpus,
                                  substrings, start_mass, end_mass, total, char_rank)
        manual = review.get((wrong, right))
        if manual and manual[0] == "keep" and reason and reason.startswith(("wrong_is_dictionary_word", "fragment_of", "boundary_risk", "correction_not")):
            reason = None  # overruled by reading, with the reviewer's reason recorded
        elif reason is None and manual:
            reason = None if manual[0] == "keep" else f"review:{manual[1]}"
        decisions.append((row, reason))

    kept = [(r, why) for r, why in decisions if why is None]
    undecided = [r for r, _ in kept if (r["wrong"], r["right"]) not in review]
    # Longer pairs whose error is already caught by a kept shorter pair are redundant.
    kept_wrongs = {r["wrong"] for r, _ in kept}
    final = []
    for row, why in decisions:
        if why is None:
            inner = [w for w in kept_wrongs if w != row["wrong"] and w in row["wrong"]]
            if inner:
                why = f"redundant:covered by {inner[0]}"
        final.append((row, why))

    gov = []
    with open(os.path.join(HERE, "gov-typos.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            gov.append(line.rstrip("\n").split("\t"))

    write_outputs(args, final, undecided, gov)


def automatic_reason(row, jieba, pairs_by_wrong, raw_pairs, all_rights, corpus, substrings,
                     start_mass, end_mass, total, char_rank) -> str | None:
    wrong, right, flags = row["wrong"], row["right"], row["flags"].split(",")
    if wrong == right:
        return "identity"
    if len(wrong) < 2 or len(right) < 1:
        return "single_char"
    if not all(is_han(c) for c in wrong + right):
        return "not_chinese_only:digits, letters or punctuation"
    if len(wrong) > 6:
        return "phrase_fragment:longer than 6 characters (sentence fragments, word order, rewrites)"
    if len(wrong) != len(right):
        return "length_change:insertion/deletion, not a spelling error"
    diffs = diff_chars(wrong, right)
    for a, b in diffs:
        for group in CONTEXT_CHARS:
            if a in group and b in group:
                return f"context_dependent:{a}/{b} depends on the sentence"
    if (right, wrong) in raw_pairs:
        return "reversed_pair:the sources list both directions"
    if len(pairs_by_wrong[wrong]) > 1:
        return "conflicting_corrections:" + "/".join(sorted(pairs_by_wrong[wrong]))
    if wrong in all_rights:
        return "wrong_is_a_correction_elsewhere"
    freq_wrong, freq_right = jieba.get(wrong, 0), jieba.get(right, 0)
    # The frequency-ratio rule (issue 10 item 4): a wrong form in jieba's dictionary is still
    # a typo when it is rare beside the right one — at most RARE_WRONG_MAX occurrences and the
    # right form at least TYPO_RATIO times as frequent (7 against 687 is a typo, not a word).
    if freq_wrong and not (freq_wrong <= RARE_WRONG_MAX and freq_right >= TYPO_RATIO * freq_wrong):
        return f"wrong_is_dictionary_word:jieba freq {freq_wrong} vs {freq_right}"
    if freq_wrong:
        pass  # a rare dictionary entry next to a far more frequent correction: read it
    if wrong in corpus:
        i = corpus.find(wrong)
        return "occurs_in_proofread_text:" + corpus[max(0, i - 6):i + len(wrong) + 6].replace("\n", " ").replace("\t", " ")
    containers = substrings.containing(wrong)
    if containers:
        best = max(containers, key=lambda w: jieba[w])
        return f"fragment_of_valid_word:{best} ({len(containers)} words)"
    if TO_SIMPLIFIED(wrong) == right:
        return "traditional_form:a traditional-character spelling (繁体), not a typo; 繁体 pages exist"
    if len(wrong) == 2:
        if wrong[0] in FUNCTION_CHARS or wrong[1] in FUNCTION_CHARS:
            return "boundary_risk:contains a function character"
        risk = boundary_risk(wrong, start_mass, end_mass, total)
        if risk > BOUNDARY_RISK_LIMIT:
            return f"boundary_risk:{risk:.2f} per million words across word boundaries"
    if len(wrong) == 2 and row["sources"] == "pycorrector" and all(char_rank.get(c, 99999) < 3000 for c in wrong):
        return "learner_pair:two common characters from learner essays, fires across word boundaries"
    if len(wrong) == 3:
        risk = max(jieba.get(wrong[:2], 0) / total * start_mass.get(wrong[2], 0) / total,
                   end_mass.get(wrong[0], 0) / total * jieba.get(wrong[1:], 0) / total) * 1e6
        if risk > BOUNDARY_RISK_LIMIT:
            return f"boundary_risk:word+character split, {risk:.2f} per million words"
    if "wrong_more_frequent_than_right" in flags:
        return "wrong_more_frequent_than_right:reversed or variant"
    if not freq_right and not segmentable(right, jieba):
        return "correction_not_a_word:right side not in the dictionary nor made of words"
    return None


def segmentable(text: str, jieba: dict[str, int]) -> bool:
    """True when `text` splits into dictionary words of 2+ characters (one single allowed)."""
    best = {0: 0}
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - 8), end):
            if start in best:
                piece = text[start:end]
                if piece in jieba and (len(piece) >= 2 or jieba[piece] > 1000):
                    singles = best[start] + (1 if len(piece) == 1 else 0)
                    if end not in best or singles < best[end]:
                        best[end] = singles
    return len(text) in best and best[len(text)] <= 1


def write_outputs(args, final, undecided, gov) -> None:
    rejected_path = os.path.join(HERE, "rejected.tsv")
    counts = collections.Counter()
    kept_rows = []
    with open(rejected_path, "w", encoding="utf-8") as out:
        out.write("# Raw pairs of lexicon-sources/typos/typos_merged.tsv that are NOT in wordlists/typos.tsv.\n")
        out.write("# wrong\tright\tsources\treason\n")
        for row, why in final:
            if why is None:
                kept_rows.append(row)
                counts["kept"] += 1
                continue
            parts = why.split(":")
            counts["read_" + parts[1] if parts[0] == "review" else parts[0]] += 1
            out.write(f"{row['wrong']}\t{row['right']}\t{row['sources']}\t{why}\n")
    with open(os.path.join(HERE, "to-review.tsv"), "w", encoding="utf-8") as out:
        for row in undecided:
            out.write(f"{row['wrong']}\t{row['right']}\t{row['sources']}\n")
    raw_wrongs = {r["wrong"] for r in kept_rows}
    gov_rows = [g for g in gov if g[0] not in raw_wrongs]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("# --- government writing (hand-written from INDICATORS.md §4.1/§4.2 and 公文 usage) ---\n")
        for g in gov_rows:
            basis = clean_basis(g[2]) if len(g) > 2 else ""
            out.write("\t".join(list(g[:2]) + ([basis] if basis else [])) + "\n")
        out.write("# --- curated from the raw lists (reviewed; see tools/lexicon/rejected.tsv for what was dropped) ---\n")
        for row in sorted(kept_rows, key=lambda r: r["wrong"]):
            # The origin of each raw pair is in rejected.tsv/SOURCES.md, not in the notice's 依据.
            out.write(f"{row['wrong']}\t{row['right']}\n")
    with open(os.path.join(HERE, "typos-summary.tsv"), "w", encoding="utf-8") as out:
        out.write("# outcome\tpairs (raw pairs from typos_merged.tsv unless noted)\n")
        out.write(f"raw_reviewed\t{len(final)}\n")
        for reason, n in counts.most_common():
            out.write(f"{reason}\t{n}\n")
        out.write(f"hand_written_government_pairs\t{len(gov_rows)}\n")
        out.write(f"typos_tsv_total\t{len(gov_rows) + len(kept_rows)}\n")
    print(f"kept {counts['kept']} raw + {len(gov_rows)} hand-written")
    for reason, n in counts.most_common():
        print(f"  {reason}: {n}")


HEADER = """# govlint 错别字词表 typos.tsv — wrong<TAB>right<TAB>basis
# source: INDICATORS.md §4.1/§4.2 (bulletins, 现代汉语词典, 公文 usage), hand-written
# source: houbb/word-checker src/main/resources/data/word_checker_zh.txt @9473c1226036498f13d57a8a2781a1ebfb1b0fe3 (Apache-2.0)
# source: shibing624/pycorrector tests/custom_confusion.txt @fc8aa56c336276fbd8cdd3a49eef505dc67b8a6e (Apache-2.0)
# source: yongzhuo/macro-correct macro_correct/output/confusion_dict.json @abdf4068ce2bf1d8d3550cfc3fdc83f96b25fa89 (Apache-2.0)
# license: Apache-2.0 (see wordlists/licenses/ and wordlists/SOURCES.md)
# Generated by tools/lexicon/curate_typos.py; every raw pair left out is in tools/lexicon/rejected.tsv with its reason.
# To add an entry by hand, put it in tools/lexicon/gov-typos.tsv (or append below and run `govlint lexicon check`).
"""


if __name__ == "__main__":
    main()
