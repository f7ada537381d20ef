"""The 依据 (basis) column is printed in rectification notices: it names a standard, a
dictionary or a bulletin by title and number, never an internal reference (a repository,
a commit, INDICATORS.md sections, allow.txt). `clean_basis` strips those; curate_typos.py
and clean_basis.py apply it. Repository attributions live in wordlists/SOURCES.md."""

from __future__ import annotations

import re

_INTERNAL = [
    re.compile(r"[，,；;]?\s*INDICATORS(?:\.md)?\s*§[\d.]+(?:\s*S\d+(?:[–-]S\d+)?(?:、S\d+)*)?"),
    re.compile(r"[，,；;]?\s*来源\s*\S+@\S+"),
    re.compile(r"[，,；;]?[^，,；;（）]*allow\.txt[^，,；;（）]*"),
    re.compile(r"[，,；;]?\s*[\w.-]+/[\w.-]+@[0-9a-f]{7,40}"),
]


def clean_basis(text: str) -> str:
    for pattern in _INTERNAL:
        text = pattern.sub("", text)
    text = re.sub(r"（\s*[，,；;]?\s*）", "", text)
    text = re.sub(r"（\s*[，,；;]\s*", "（", text)
    text = re.sub(r"\s*[，,；;]\s*）", "）", text)
    return text.strip(" ，,；;")
