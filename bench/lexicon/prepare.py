#!/usr/bin/env python3
"""Prepares the lexicon-matcher benchmark inputs (not committed; run.sh calls this).

corpus.txt   >= SIZE_MB of proofread Chinese government text: the files of the shared
             corpus concatenated and repeated. Whitespace and zero-width characters between
             two Chinese characters are removed so that govlint's normalisation (which
             ignores them) and the byte-exact tools see the same text.
patterns-N.txt  N distinct patterns: pure-Chinese wrong forms from typos_merged.tsv, padded
             with real 2-4 character words cut from the corpus. Sorted longest first, so
             ripgrep's leftmost-first alternation equals leftmost-longest.
lexicon-N/typos.tsv  the same patterns as a govlint lexicon.
"""
import os, random, re, sys

corpus_dir, typos_tsv, out_dir, size_mb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
os.makedirs(out_dir, exist_ok=True)
HAN = r'\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af\u3007'
between_han = re.compile(r'(?<=[%s])[\s\u200b-\u200d\u2060\ufeff]+(?=[%s])' % (HAN, HAN))
invisible = re.compile(r'[\u200b-\u200d\u2060\ufeff]')

texts = []
for root, _, files in sorted(os.walk(corpus_dir)):
    for name in sorted(files):
        if name.endswith('.txt'):
            with open(os.path.join(root, name), encoding='utf-8', errors='replace') as f:
                texts.append(invisible.sub('', between_han.sub('', f.read())))
block = '\n'.join(texts) + '\n'
block_bytes = block.encode('utf-8')
corpus_path = os.path.join(out_dir, 'corpus.txt')
target = size_mb * 1_000_000
if not (os.path.exists(corpus_path) and os.path.getsize(corpus_path) >= target):
    with open(corpus_path, 'wb') as f:
        written = 0
        while written < target:
            f.write(block_bytes)
            written += len(block_bytes)

random.seed(2024)
only_han = re.compile('^[%s]+$' % HAN)
wrong_forms = []
with open(typos_tsv, encoding='utf-8') as f:
    next(f)
    for line in f:
        wrong = line.split('\t')[0]
        if only_han.match(wrong) and 2 <= len(wrong) <= 8:
            wrong_forms.append(wrong)
wrong_forms = list(dict.fromkeys(wrong_forms))
runs = re.findall('[%s]{2,}' % HAN, block)
for n in (10_000, 100_000):
    chosen = dict.fromkeys(wrong_forms[:n])
    while len(chosen) < n:
        run = random.choice(runs)
        length = random.randint(2, 4)
        if len(run) >= length:
            start = random.randint(0, len(run) - length)
            chosen[run[start:start + length]] = None
    words = sorted(chosen, key=lambda w: (-len(w), w))
    with open(os.path.join(out_dir, 'patterns-%d.txt' % n), 'w', encoding='utf-8') as f:
        f.write('\n'.join(words) + '\n')
    os.makedirs(os.path.join(out_dir, 'lexicon-%d' % n), exist_ok=True)
    with open(os.path.join(out_dir, 'lexicon-%d' % n, 'typos.tsv'), 'w', encoding='utf-8') as f:
        f.write('# source: bench/lexicon/prepare.py (typos_merged.tsv wrong forms + corpus words)\n')
        f.write(''.join('%s\t%s\n' % (w, '〇' + w) for w in words))
