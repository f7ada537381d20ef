"""Python reference of govlint's lexicon format and matching semantics (SPEC §3).

Used by the curation scripts and by check.py to prove the shipped lexicon before the Swift
engine exists; it follows wordlists/README.md and the shared lexicon-format brief:

* files: typos.tsv, expressions.tsv, outdated.tsv, number-style.tsv, sensitive/<category>.txt,
  allow.txt; `#` comments; TAB-separated; `re:` patterns in the three rule lists;
* normalisation: full-width ASCII folded to half-width; whitespace and zero-width characters
  between two Chinese characters dropped; offsets map back to the original text;
* matching: leftmost-longest, non-overlapping; an allow word overlapping a hit removes it.

Standard library only (pyahocorasick is used when present, for speed on large corpora).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

LIST_FILES = {
    "typo": "typos.tsv",
    "expression": "expressions.tsv",
    "outdated": "outdated.tsv",
    "number-style": "number-style.tsv",
}
SEVERITIES = {"veto", "major", "minor", "info"}

# Characters ignored between two Chinese characters (SPEC §3).
_IGNORABLE = set(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff")


def is_han(ch: str) -> bool:
    """A Chinese character (CJK ideograph, including 〇)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F or cp == 0x3007)


def fold_width(ch: str) -> str:
    """Full-width ASCII (U+FF01–U+FF5E) to its half-width form."""
    cp = ord(ch)
    if 0xFF01 <= cp <= 0xFF5E:
        return chr(cp - 0xFEE0)
    return ch


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, per normalised character, its index in `text`."""
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _IGNORABLE:
            j = i
            while j < n and text[j] in _IGNORABLE:
                j += 1
            prev_han = bool(out) and is_han(out[-1])
            next_han = j < n and is_han(text[j])
            if not (prev_han and next_han):
                for k in range(i, j):
                    out.append(fold_width(text[k]))
                    origin.append(k)
            i = j
            continue
        out.append(fold_width(ch))
        origin.append(i)
        i += 1
    return "".join(out), origin


def normalise_term(term: str) -> str:
    return normalise(term)[0]


@dataclass(frozen=True)
class Entry:
    wrong: str            # as written in the file
    right: str | None
    basis: str | None
    list: str             # typo, expression, outdated, number-style, sensitive
    category: str | None  # sensitive category
    severity: str | None
    source: str           # "wordlists/typos.tsv:57"

    @property
    def is_pattern(self) -> bool:
        return self.wrong.startswith("re:")


class LexiconError(Exception):
    pass


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    allow: list[tuple[str, str]] = field(default_factory=list)  # (word, source)

    @property
    def plain(self) -> list[Entry]:
        return [e for e in self.entries if not e.is_pattern]

    @property
    def patterns(self) -> list[Entry]:
        return [e for e in self.entries if e.is_pattern]


def _data_lines(path: str):
    with open(path, encoding="utf-8") as handle:
        raw = handle.read()
    if raw.startswith("\ufeff"):
        raise LexiconError(f"{path}:1: byte-order mark not allowed")
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        yield number, line


def load(directory: str) -> Lexicon:
    """Load and validate a wordlists/ folder; raises LexiconError('file:line: reason')."""
    lex = Lexicon()
    rel = lambda p: os.path.join(os.path.basename(os.path.normpath(directory)), os.path.relpath(p, directory))
    for kind, name in LIST_FILES.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            continue
        for number, line in _data_lines(path):
            where = f"{rel(path)}:{number}"
            fields = line.split("\t")
            if len(fields) < 2:
                raise LexiconError(f"{where}: missing TAB between wrong and right")
            if kind != "typo" and len(fields) < 3:
                raise LexiconError(f"{where}: basis (third field) is required")
            if len(fields) > 3:
                raise LexiconError(f"{where}: too many fields")
            if any(not f.strip() for f in fields):
                raise LexiconError(f"{where}: empty field")
            wrong, right = fields[0], fields[1]
            basis = fields[2] if len(fields) > 2 else None
            if wrong.startswith("re:"):
                try:
                    re.compile(wrong[3:])
                except re.error as error:
                    raise LexiconError(f"{where}: pattern does not compile: {error}")
            lex.entries.append(Entry(wrong, right, basis, kind, None, None, where))
    sensitive_dir = os.path.join(directory, "sensitive")
    if os.path.isdir(sensitive_dir):
        for name in sorted(os.listdir(sensitive_dir)):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(sensitive_dir, name)
            severity = "veto"
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    m = re.match(r"#\s*severity:\s*(\S*)", line)
                    if m:
                        if m.group(1) not in SEVERITIES:
                            raise LexiconError(f"{rel(path)}:{number}: bad severity '{m.group(1)}'")
                        severity = m.group(1)
            for number, line in _data_lines(path):
                fields = line.split("\t")
                if not fields[0].strip():
                    raise LexiconError(f"{rel(path)}:{number}: empty term")
                lex.entries.append(Entry(fields[0], None, fields[1] if len(fields) > 1 else None,
                                         "sensitive", name[:-4], severity, f"{rel(path)}:{number}"))
    allow_path = os.path.join(directory, "allow.txt")
    if os.path.exists(allow_path):
        for number, line in _data_lines(allow_path):
            word = line.split("\t")[0]
            if not word.strip():
                raise LexiconError(f"{rel(allow_path)}:{number}: empty word")
            lex.allow.append((word, f"{rel(allow_path)}:{number}"))
    _check_contradictions(lex)
    return lex


def _check_contradictions(lex: Lexicon) -> None:
    seen: dict[str, Entry] = {}
    for entry in lex.entries:
        key = entry.wrong if entry.is_pattern else normalise_term(entry.wrong)
        if key in seen:
            other = seen[key]
            if other.right != entry.right:
                raise LexiconError(f"{entry.source}: '{entry.wrong}' already listed at {other.source} "
                                   f"with correction '{other.right}'")
            raise LexiconError(f"{entry.source}: duplicate of {other.source}")
        seen[key] = entry


# ---------------------------------------------------------------- matching

class _Trie:
    """Aho-Corasick if pyahocorasick is installed, else a dict of lengths (fine for tests)."""

    def __init__(self, words: dict[str, object]):
        self.words = words
        try:
            import ahocorasick  # type: ignore
            self.automaton = ahocorasick.Automaton()
            for word, value in words.items():
                self.automaton.add_word(word, (word, value))
            if words:
                self.automaton.make_automaton()
            else:
                self.automaton = None
        except ImportError:
            self.automaton = None
            self.lengths = sorted({len(w) for w in words}, reverse=True)

    def all_occurrences(self, text: str):
        """Every (start, end, value) occurrence, overlapping ones included."""
        if not self.words:
            return []
        if getattr(self, "automaton", None) is not None:
            return [(end + 1 - len(word), end + 1, value) for end, (word, value) in self.automaton.iter(text)]
        found = []
        for start in range(len(text)):
            for length in self.lengths:
                word = text[start:start + length]
                if word in self.words:
                    found.append((start, start + length, self.words[word]))
        return found


def leftmost_longest(occurrences):
    """Non-overlapping selection: earliest start first, longest at a start."""
    chosen = []
    cursor = 0
    for start, end, value in sorted(occurrences, key=lambda o: (o[0], -(o[1] - o[0]))):
        if start >= cursor:
            chosen.append((start, end, value))
            cursor = end
    return chosen


@dataclass
class Hit:
    start: int  # index in the original text
    end: int
    matched: str  # original text slice
    entry: Entry
    replacement: str | None


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(value: int) -> str:
    """Arabic number in Chinese numerals as used in 党的二十大 / 十九届 (0–99)."""
    if value < 10:
        return _CN_DIGITS[value] if value else "〇"
    tens, units = divmod(value, 10)
    if value < 20:
        return "十" + (_CN_DIGITS[units] if units else "")
    if value < 100:
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[units] if units else "")
    return "".join(_CN_DIGITS[int(d)] for d in str(value))


def expand_right(template: str, match: re.Match) -> str:
    def cn(m):
        return chinese_number(int(match.group(int(m.group(1)))))
    text = re.sub(r"\{cn:(\d+)\}", cn, template)
    return re.sub(r"\$(\d+)", lambda m: match.group(int(m.group(1))) or "", text)


class Matcher:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.trie = _Trie({normalise_term(e.wrong): e for e in lex.plain})
        self.allow_trie = _Trie({normalise_term(w): src for w, src in lex.allow})
        self.patterns = [(re.compile(e.wrong[3:]), e) for e in lex.patterns]

    def _allow_spans(self, norm: str):
        return leftmost_longest(self.allow_trie.all_occurrences(norm))

    def match(self, text: str, strict: bool = False) -> list[Hit]:
        """Hits per SPEC semantics. strict=True reports every occurrence of every wrong form
        (overlapping ones too) that no allow word covers: an upper bound on what any faithful
        implementation can report, used for the clean-corpus guarantee."""
        norm, origin = normalise(text)
        occurrences = self.trie.all_occurrences(norm)
        for regex, entry in self.patterns:
            for m in regex.finditer(norm):
                if m.end() > m.start():
                    occurrences.append((m.start(), m.end(), (entry, m)))
        selected = occurrences if strict else leftmost_longest(occurrences)
        allowed = self._allow_spans(norm)
        hits = []
        for start, end, value in sorted(selected, key=lambda o: (o[0], o[1])):
            if any(a_start < end and start < a_end for a_start, a_end, _ in allowed):
                continue
            if isinstance(value, tuple):
                entry, m = value
                replacement = expand_right(entry.right, m)
            else:
                entry, replacement = value, value.right
            o_start, o_end = origin[start], origin[end - 1] + 1
            hits.append(Hit(o_start, o_end, text[o_start:o_end], entry, replacement))
        return hits


def load_or_exit(directory: str) -> Lexicon:
    try:
        return load(directory)
    except LexiconError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
