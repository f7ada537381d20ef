"""The proofread corpus as one string: what the lexicon generators must never flag."""
import os


def read_corpus(dirs: list[str]) -> str:
    """Every .txt file under the given folders (or the given files), joined by line breaks."""
    chunks = []
    for directory in dirs:
        if os.path.isfile(directory):
            chunks.append(open(directory, encoding="utf-8").read())
            continue
        for base, _, files in os.walk(directory):
            for name in sorted(files):
                if name.endswith(".txt"):
                    chunks.append(open(os.path.join(base, name), encoding="utf-8").read())
    return "\n".join(chunks)
