#!/usr/bin/env python3
"""pyahocorasick baseline: leftmost-longest (iter_long) over the whole file, printing
byteOffset<TAB>word like `govlint lexicon match` (byte offsets advanced incrementally)."""
import sys, ahocorasick

patterns_path, text_path = sys.argv[1], sys.argv[2]
automaton = ahocorasick.Automaton()
with open(patterns_path, encoding='utf-8') as f:
    for word in f.read().split('\n'):
        if word:
            automaton.add_word(word, word)
automaton.make_automaton()
with open(text_path, encoding='utf-8', errors='replace') as f:
    text = f.read()
out = sys.stdout
char_pos, byte_pos = 0, 0
lines = []
for end, word in automaton.iter_long(text):
    start = end - len(word) + 1
    byte_pos += len(text[char_pos:start].encode('utf-8'))
    char_pos = start
    lines.append('%d\t%s\n' % (byte_pos, word))
    if len(lines) >= 65536:
        out.write(''.join(lines)); lines = []
out.write(''.join(lines))
