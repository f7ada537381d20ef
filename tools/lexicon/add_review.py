"""Append reading decisions to review.tsv: add_review.py REASON WORD... (wrong forms from to-review.tsv)."""
import sys
reason, words = sys.argv[1], sys.argv[2:]
pairs = {}
for line in open("to-review.tsv", encoding="utf-8"):
    wrong, right = line.rstrip("\n").split("\t")[:2]
    pairs[wrong] = right
done = {l.split("\t")[0] for l in open("review.tsv", encoding="utf-8") if not l.startswith("#")}
with open("review.tsv", "a", encoding="utf-8") as out:
    for word in words:
        if word not in pairs:
            sys.exit(f"not in to-review.tsv: {word}")
        if word not in done:
            out.write(f"{word}\t{pairs[word]}\tdrop\t{reason}\n")
