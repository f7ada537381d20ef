#!/usr/bin/env bash
# Crawler benchmark (opt-in; never part of the test suite).
# govlint scan vs wget2 --spider vs linkchecker on a 20,000-page static site served by a
# private nginx on 127.0.0.1, at equal concurrency. Needs: nginx-light wget2 linkchecker
# (scripts/setup --bench) and a release build (swift build -c release --product govlint).
# Also the crawler alone (bench/crawl/driver.swift: no parsing, no rules), cold and then
# with conditional requests (If-Modified-Since from the first pass; nginx answers 304).
# Usage: bench/crawl/run.sh [PAGES] [CONCURRENCY]
#   SKIP_SCAN=1 leaves out govlint scan; ONLY_LINKCHECKER=1 runs linkchecker alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${1:-20000}
CONC=${2:-4}
PORT=${PORT:-18080}
DIR=$(mktemp -d /tmp/govlint-bench-crawl.XXXXXX)
chmod 755 "$DIR"   # nginx workers run as nobody
mkdir -p "$DIR/tmp"
[ -x .build/release/crawl-driver ] || bash bench/crawl/build-driver.sh
python3 bench/crawl/gen-site.py "$DIR/site" "$PAGES" >/dev/null
sed -e "s#@DIR@#$DIR#g" -e "s#@PORT@#$PORT#g" bench/crawl/nginx.conf.in > "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR"
trap 'kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true; rm -rf "$DIR"' EXIT
sleep 0.3
URL="http://127.0.0.1:$PORT/"
TOTAL=$((PAGES + 1))
measure() {   # name, command...
    local name=$1; shift
    /usr/bin/time -v -o "$DIR/time.txt" "$@" > "$DIR/$name.out" 2> "$DIR/$name.err" || true
    local wall user sys rss
    wall=$(grep "Elapsed (wall clock)" "$DIR/time.txt" | awk '{print $NF}')
    user=$(grep "User time" "$DIR/time.txt" | awk '{print $NF}')
    sys=$(grep "System time" "$DIR/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$DIR/time.txt" | awk '{print $NF}')
    python3 - "$name" "$wall" "$user" "$sys" "$rss" "$TOTAL" <<'PY'
import sys
name, wall, user, sys_, rss, total = sys.argv[1:]
parts = [float(p) for p in wall.split(":")]
secs = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(user) + float(sys_)
print(f"| {name} | {secs:.1f} | {int(total)/secs:,.0f} | {cpu:.1f} | {cpu*1e3/int(total):.2f} | {int(rss)/1024:.0f} |")
PY
}
echo "| tool | wall s | pages/s | CPU s | CPU ms/page | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
[ "${SKIP_SCAN:-0}" = 1 ] || measure "govlint scan (crawl + parse + all rules)" .build/release/govlint scan "$URL" --no-external \
    --concurrency "$CONC" --delay 0 --max-pages $((PAGES + 10)) --depth 20 --format jsonl --quiet --out "$DIR/report"
[ "${ONLY_LINKCHECKER:-0}" = 1 ] || measure "govlint crawler only (driver, cold + conditional pass)" .build/release/crawl-driver "$URL" "$CONC" $((PAGES + 10))
[ "${ONLY_LINKCHECKER:-0}" = 1 ] || measure "wget2 --spider" wget2 --recursive --spider --max-threads="$CONC" --level=20 \
    --no-robots --no-parent -o "$DIR/wget2.log" "$URL"
printf '[checking]\nmaxrequestspersecond=100000\n' > "$DIR/linkcheckerrc"
measure "linkchecker" linkchecker -f "$DIR/linkcheckerrc" --no-status --threads="$CONC" --recursion-level=20 --no-warnings \
    --ignore-url='^mailto:' -o none "$URL"
echo
driver_out="$DIR/govlint crawler only (driver, cold + conditional pass).out"
[ -f "$driver_out" ] && { echo "crawler-only passes:"; cat "$driver_out"; }
[ -f "$DIR/wget2.log" ] && echo "wget2: $(tail -1 "$DIR/wget2.log")"
[ "${SKIP_SCAN:-0}" = 1 ] || echo "govlint scan: $(grep -c . "$DIR/govlint scan (crawl + parse + all rules).out") findings lines; $(tail -1 "$DIR/govlint scan (crawl + parse + all rules).err")"
