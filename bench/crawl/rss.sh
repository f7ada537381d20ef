#!/usr/bin/env bash
# Peak memory of one big site's night (opt-in; never part of the test suite): `govlint run`
# over one generated site of PAGES pages (bench/crawl/gen-site.py) on a private nginx on
# 127.0.0.1, delay 0, a fresh store, under /usr/bin/time -v. Prints one markdown row.
# Needs nginx-light and a release build.
# Usage: [BIN=path/to/govlint] bench/crawl/rss.sh [PAGES] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${1:-100000}
CONN=${2:-4}
PORT=${PORT:-18090}
BIN=${BIN:-$PWD/.build/release/govlint}
DIR=$(mktemp -d /tmp/govlint-bench-rss.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/tmp" "$DIR/wordlists"
python3 bench/crawl/gen-site.py "$DIR/site" "$PAGES" >/dev/null
sed -e "s#@DIR@#$DIR#g" -e "s#@PORT@#$PORT#g" bench/crawl/nginx.conf.in > "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR"
trap 'kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true; rm -rf "$DIR"' EXIT
sleep 0.3
cp -r wordlists/. "$DIR/wordlists/"
cat > "$DIR/config.yaml" <<CONF
office: {name: 基准测试市人民政府办公室, short_name: 市政务公开办, contact: "0000-1234567"}
paths: {lexicon: $DIR/wordlists, reports: $DIR/reports, store: $DIR/reports/govlint.sqlite, ignore: $DIR/ignore.yaml}
crawl: {delay_ms: 0, per_host_connections: $CONN, max_pages: $((PAGES + 10)), max_depth: 20, check_external_links: false}
sites:
  - {id: big, name: 基准测试县, owner: 基准测试县办公室, recipients: [web@example.gov.cn], url: "http://127.0.0.1:$PORT/"}
CONF
/usr/bin/time -v -o "$DIR/time.txt" "$BIN" run --config "$DIR/config.yaml" --quiet > "$DIR/out.txt" 2> "$DIR/err.txt" \
    || { echo "govlint run failed:" >&2; tail -5 "$DIR/err.txt" >&2; }
python3 - "$PAGES" "$DIR/time.txt" "$(stat -c %s "$DIR/reports/govlint.sqlite" 2>/dev/null || echo 0)" <<'PY'
import re, sys
pages, path, store = int(sys.argv[1]) + 1, sys.argv[2], int(sys.argv[3])
t = open(path).read()
def field(name):
    return re.search(re.escape(name) + r".*?: (.*)", t).group(1).strip()
parts = [float(p) for p in field("Elapsed (wall clock) time").split(":")]
wall = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(field("User time")) + float(field("System time"))
rss = int(field("Maximum resident set size")) / 1024
print(f"| {pages:,} pages, one site, delay 0 | {wall:.1f} | {cpu:.1f} | {cpu * 1e3 / pages:.2f} | {rss:.0f} | {rss * 1024 / pages:.2f} | {store / 1e6:.1f} |")
PY
