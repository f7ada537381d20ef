#!/usr/bin/env bash
# Issue 11's hostile cases, each on loopback against the fault-injection server
# (Tests/Fixtures/server/server.py), with wall time, peak RSS, exit status and what govlint
# said. Doubling pairs show the cost stays linear. Usage: bench/hostile/run.sh [GOVLINT]
# (default: the release build in .build-release, else .build/release, else .build/debug).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=${1:-}
for candidate in .build-release/release/govlint .build/release/govlint .build/debug/govlint; do
  [[ -z "$bin" && -x "$candidate" ]] && bin=$root/$candidate
done
[[ -x "$bin" ]] || { echo "bench/hostile: no govlint binary; build one first" >&2; exit 2; }
out=$root/bench/out/hostile
rm -rf "$out"; mkdir -p "$out"
python3 Tests/Fixtures/server/server.py --port 0 > "$out/port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do [[ -s "$out/port" ]] && break; sleep 0.1; done
base="http://127.0.0.1:$(head -1 "$out/port")"
echo "binary: $bin"
printf '| case | wall | peak RSS | exit | findings | verdict | govlint said |\n| --- | --- | --- | --- | --- | --- | --- |\n'

# measure LABEL ARGS...: runs govlint ARGS in a fresh folder.
measure() {
  local label=$1; shift
  local dir; dir=$(mktemp -d "$out/case.XXXX")
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o time.txt "$bin" "$@" > stdout.txt 2> stderr.txt < /dev/null; echo $? > status.txt )
  read -r wall rss < <(tail -1 "$dir/time.txt") || true
  local findings; findings=$(grep -c '"rule"' "$dir/stdout.txt" 2>/dev/null)
  local said; said=$(grep -v '^govlint: using ' "$dir/stderr.txt" | head -1 | cut -c1-90 | tr '|' '/')
  local verdict; verdict=$(grep -ho '结论：[^，。]*' "$dir"/report/report.md 2>/dev/null | head -1 | sed 's/结论：//')
  printf '| %s | %s s | %s MB | %s | %s | %s | %s |\n' "$label" "$wall" "$((rss / 1024))" "$(cat "$dir/status.txt")" "$findings" "${verdict:--}" "$said"
}
# scan LABEL PATH: `govlint scan` of one page as the only site of a config (64 MB body cap).
scan() {
  cases=$((cases + 1))
  cat > "$out/site-$cases.yaml" <<YAML
crawl:
  max_body_mb: 64
  delay_ms: 0
  max_pages: 5
  check_external_links: false
sites:
  - id: hostile
    name: 测试站
    owner: 测试县人民政府办公室
    url: "$base$2"
YAML
  measure "$1" scan hostile --config "$out/site-$cases.yaml" --lexicon "$root/wordlists" --now 2026-11-28T08:00 --format jsonl --out report
}
cases=0

scan "NUL bytes in the first KB" "/_/hostile/nul"
scan "PNG labelled text/html" "/_/hostile/png.html"
scan "6 MB of unmatched 《" "/_/hostile/brackets?mb=6"
scan "12 MB of unmatched 《" "/_/hostile/brackets?mb=12"
scan "18 MB of unmatched 《" "/_/hostile/brackets?mb=18"
scan "1,000 bank-card numbers" "/_/hostile/cards?n=1000"
scan "2,000 bank-card numbers" "/_/hostile/cards?n=2000"
scan "40,000 attributes" "/_/hostile/attrs?n=40000"
scan "300,000 attributes" "/_/hostile/attrs?n=300000"
scan "25,000 nested tables" "/_/hostile/tables?n=25000"
scan "50,000 nested tables" "/_/hostile/tables?n=50000"
scan "10,000-hop redirect chain" "/_/hostile/redirects?n=10000"
scan "decompression bomb homepage" "/_/bomb"
scan "endless homepage" "/_/endless"
scan "WAF 403 homepage" "/_/captcha403"
measure "lexicon match /dev/zero" lexicon match --lexicon "$root/wordlists" /dev/zero
printf 're:(a+)+$\tx\tbasis\n' > "$out/number-style.tsv"; mkdir -p "$out/badlex"; mv "$out/number-style.tsv" "$out/badlex/"
measure "re:(a+)+\$ in a lexicon" lexicon check --lexicon "$out/badlex"
mkdir -p "$out/emptylex"
measure "empty lexicon folder" lexicon check --lexicon "$out/emptylex"
python3 -c "print('sites: ' + '[' * 40000 + ']' * 40000)" > "$out/nested.yaml"
measure "config with 40,000 nested sequences" config check --config "$out/nested.yaml" --lexicon "$root/wordlists"
status=0; "$bin" rules > /dev/full 2> "$out/full.err" || status=$?
printf '| %s | - | - | %s | - | - | %s |\n' "stdout on /dev/full" "$status" "$(head -1 "$out/full.err" | cut -c1-90)"
