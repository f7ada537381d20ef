#!/usr/bin/env bash
# Benchmark: `govlint check` (parse + every text rule) on 1,000 real-size government HTML
# pages against `xmllint --html --noout` (parse only) on the same pages, with hyperfine.
# Pages are generated from the proofread corpus in ../shared/corpus (not committed).
# Usage: bench/check/run.sh   (needs: bash scripts/setup --bench)
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
out=bench/out/check
mkdir -p "$out/pages"
# BIN: a release binary already built (e.g. .build-release/release/govlint); otherwise one is built.
if [ -z "${BIN:-}" ]; then swift build -c release --product govlint >/dev/null; BIN=.build/release/govlint; fi
corpus=${GOVLINT_CORPUS:-$root/../shared/corpus}   # a worktree under /work/wt: GOVLINT_CORPUS=/work/shared/corpus
python3 - "$corpus" "$out/pages" <<'PY'
import os, sys, random, html
corpus, dest = sys.argv[1], sys.argv[2]
paras = []
for d, _, files in os.walk(corpus):
    for f in files:
        if f.endswith('.txt') and 'acc_xxqg' not in f:   # its punctuation was folded to half-width by its source
            for line in open(os.path.join(d, f), encoding='utf-8', errors='replace'):
                line = line.strip()
                if len(line) > 20:
                    paras.append(line)
random.seed(7)
nav = ''.join(f'<li><a href="/col{i}/">栏目{i}</a></li>' for i in range(30))
for n in range(1000):
    body = []
    size = 0
    while size < 12000:          # ~12k characters of text: a long article page (~40 KB of HTML)
        p = random.choice(paras)
        body.append(f'<p>{html.escape(p)}</p>')
        size += len(p)
    links = ''.join(f'<li><a href="/a/{n}/{k}.html">相关链接{k}</a><span>2026-11-{k%28+1:02d}</span></li>' for k in range(40))
    page = f'''<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面{n}</title>
<meta name="SiteName" content="某某县人民政府"><meta name="PubDate" content="2026-11-05 10:00">
<style>.x{{color:red}}</style><script>var a = 1;</script></head><body><ul class="nav">{nav}</ul>
<div class="position">当前位置：首页 &gt; 政务动态</div><h1>页面{n}</h1><div class="content">{''.join(body)}</div>
<ul class="list">{links}</ul><div class="footer">网站标识码：3300000001</div></body></html>'''
    open(os.path.join(dest, f'p{n:04d}.html'), 'w', encoding='utf-8').write(page)
PY
bytes=$(cat "$out"/pages/*.html | wc -c)
echo "pages: 1000, $((bytes / 1024 / 1024)) MB"
hyperfine --warmup 1 --runs 5 --export-markdown "$out/check.md" \
  -n "govlint check" "$BIN check --lexicon wordlists --fail-on none --quiet --format jsonl $out/pages/*.html > /dev/null" \
  -n "xmllint --html --noout" "xmllint --html --noout $out/pages/*.html 2>/dev/null || true"
cat "$out/check.md"
/usr/bin/time -v "$BIN" check --lexicon wordlists --fail-on none --quiet --format jsonl "$out"/pages/*.html 2>&1 >/dev/null | grep -E "Maximum resident|Elapsed"
