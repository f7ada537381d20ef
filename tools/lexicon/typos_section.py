"""One generated section of wordlists/typos.tsv: found by its marker line, replaced whole.

Shared by the generators that own a section (gen_word_confusions.py, gen_context_pairs.py):
a section runs from its marker line to the next "# ---" line."""


def locate(lines: list[str], marker: str, first_run_before: str) -> tuple[int, int]:
    """The section's [begin, end) in `lines`; on a first run, an empty one just before the line
    starting with `first_run_before` (or at the end)."""
    begin = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    if begin is None:
        begin = next((i for i, line in enumerate(lines) if line.startswith(first_run_before)), len(lines))
        return begin, begin
    end = next((i for i in range(begin + 1, len(lines)) if lines[i].startswith("# ---")), len(lines))
    return begin, end


def listed_outside(lines: list[str], begin: int, end: int) -> set[str]:
    """The wrong forms of every entry outside the section."""
    return {line.split("\t")[0] for i, line in enumerate(lines)
            if line and not line.startswith("#") and not (begin <= i < end)}


def replace(path: str, lines: list[str], begin: int, end: int, section: list[str]) -> None:
    lines[begin:end] = section
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
