#!/bin/sh
# Regenerate wordlists/typos.tsv and the decision record (needs: pip install jieba opencc-python-reimplemented).
cd "$(dirname "$0")" && python3 curate_typos.py \
  --sources "${LEXICON_SOURCES:-/work/shared/lexicon-sources}/typos" \
  --jieba-dict "$(python3 -c 'import jieba,os;print(os.path.join(os.path.dirname(jieba.__file__),"dict.txt"))')" \
  --corpus ../../Tests/Fixtures/clean-corpus \
  --corpus "${LEXICON_SOURCES:-/work/shared/lexicon-sources}/../corpus/sentences/acc_xxqg.txt"
