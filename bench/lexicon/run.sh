#!/usr/bin/env bash
# Lexicon matcher benchmark: `govlint lexicon match` against `rg -F -o -f` and pyahocorasick
# (`iter_long`), on a generated >= 100 MB Chinese corpus with 10,000 and 100,000 patterns.
# All three must print the same hits (byte offset and word) before anything is timed.
# Inputs are generated under bench/out/ (git-ignored), never committed.
#   SIZE_MB=100 RUNS=3 bench/lexicon/run.sh
set -euo pipefail
ROOT=$(git rev-parse --show-toplevel)
SHARED=${SHARED:-$ROOT/../shared}
OUT=${OUT:-$ROOT/bench/out/lexicon}
SIZE_MB=${SIZE_MB:-100}
RUNS=${RUNS:-3}
export PATH=/opt/swift/usr/bin:$PATH
cd "$ROOT"

swift build -c release --product govlint
GOVLINT=$ROOT/.build/release/govlint
python3 bench/lexicon/prepare.py "$SHARED/corpus" "$SHARED/lexicon-sources/typos/typos_merged.tsv" "$OUT" "$SIZE_MB"
CORPUS=$OUT/corpus.txt
echo "corpus: $(stat -c %s "$CORPUS") bytes"

for N in 10000 100000; do
    PATTERNS=$OUT/patterns-$N.txt
    LEXICON=$OUT/lexicon-$N
    GOVLINT_CMD="$GOVLINT lexicon match --lexicon $LEXICON $CORPUS"
    RG_CMD="rg -F -o -b --no-line-number -f $PATTERNS $CORPUS"
    PY_CMD="python3 $ROOT/bench/lexicon/pyac.py $PATTERNS $CORPUS"

    echo "== $N patterns: same hits from all three"
    $GOVLINT_CMD | cut -f1,3 > "$OUT/govlint-$N.out"
    $RG_CMD | sed 's/:/\t/' > "$OUT/rg-$N.out"
    $PY_CMD > "$OUT/pyac-$N.out"
    wc -l < "$OUT/govlint-$N.out"
    cmp "$OUT/govlint-$N.out" "$OUT/rg-$N.out"
    cmp "$OUT/govlint-$N.out" "$OUT/pyac-$N.out"
    echo "identical"

    echo "== $N patterns: automaton build (empty input) and full run, peak memory"
    : > "$OUT/empty.txt"
    /usr/bin/time -f "build only: %e s wall, %M KB peak RSS" $GOVLINT lexicon match --lexicon "$LEXICON" "$OUT/empty.txt"
    /usr/bin/time -f "govlint: %e s wall, %M KB peak RSS" $GOVLINT_CMD > /dev/null
    /usr/bin/time -f "rg: %e s wall, %M KB peak RSS" $RG_CMD > /dev/null
    /usr/bin/time -f "pyahocorasick: %e s wall, %M KB peak RSS" $PY_CMD > /dev/null

    echo "== $N patterns: hyperfine"
    hyperfine --runs "$RUNS" --export-markdown "$OUT/hyperfine-$N.md" \
        -n govlint "$GOVLINT_CMD > /dev/null" \
        -n rg "$RG_CMD > /dev/null" \
        -n pyahocorasick "$PY_CMD > /dev/null"
done
