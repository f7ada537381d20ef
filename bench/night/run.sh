#!/usr/bin/env bash
# A city's night (opt-in; never part of the test suite): `govlint run` over SITES sites of
# PAGES pages each, one private nginx on loopback serving the same generated site under
# every address, (a) on SITES distinct addresses 127.0.0.2 … (loopback accepts them: SITES
# hosts) and (b) on SITES ports of 127.0.0.1 (one host: every site shares its politeness),
# with the default crawl settings and with delay_ms 0; one site alone at the defaults (the
# "within 3× of the slowest single site" line); wget2 --spider over the same sites; then a
# second night (all 304) and the store's growth. Prints markdown rows for BENCHMARKS.md.
# Needs nginx-light, wget2 (scripts/setup --bench) and a release build.
# Usage: [BIN=path/to/govlint] [NIGHTS_ONLY=1 [PERF_SECOND=FILE]] bench/night/run.sh [SITES] [PAGES]
#   BIN: the release binary (default .build/release/govlint); NIGHTS_ONLY=1 runs only the
#   rows of the store figures: the first and second night at delay 0 and at the defaults,
#   and a third night (the store in use: page_count × page_size, WAL checkpointed);
#   PERF_SECOND=FILE records the delay-0 second night with `perf record -g`.
set -euo pipefail
cd "$(dirname "$0")/../.."
SITES=${1:-30}
PAGES=${2:-200}
BASE_PORT=${BASE_PORT:-19100}
BIN=${BIN:-$PWD/.build/release/govlint}
DIR=$(mktemp -d /tmp/govlint-bench-night.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/tmp"
python3 bench/crawl/gen-site.py "$DIR/site" "$((PAGES - 1))" >/dev/null
# Listen on both layouts at once: SITES addresses on BASE_PORT, SITES ports on 127.0.0.1.
{
    sed -n '1,/^http {/p' bench/crawl/nginx.conf.in | sed -e "s#@DIR@#$DIR#g"
    cat <<CONF
    access_log off;
    client_body_temp_path $DIR/tmp; proxy_temp_path $DIR/tmp; fastcgi_temp_path $DIR/tmp;
    uwsgi_temp_path $DIR/tmp; scgi_temp_path $DIR/tmp;
    keepalive_requests 100000;
    default_type text/html;
    types { text/html html; text/plain txt; }
    charset utf-8;
    server {
CONF
    for i in $(seq 1 "$SITES"); do
        echo "        listen 127.0.0.$((i + 1)):$BASE_PORT;"
        echo "        listen 127.0.0.1:$((BASE_PORT + i));"
    done
    cat <<CONF
        root $DIR/site;
        etag off;
    }
}
CONF
} > "$DIR/nginx.conf"
sed -i 's/^worker_processes 1;/worker_processes 2;/' "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR"
trap 'kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true; rm -rf "$DIR"' EXIT
sleep 0.3
mkdir -p "$DIR/wordlists"
cp -r wordlists/. "$DIR/wordlists/"

url() {   # layout (addresses|ports), site number
    if [ "$1" = addresses ]; then echo "http://127.0.0.$(($2 + 1)):$BASE_PORT/"; else echo "http://127.0.0.1:$((BASE_PORT + $2))/"; fi
}

config() {   # name, layout, delay_ms, sites [, extra crawl keys]
    local name=$1 layout=$2 delay=$3 count=$4 extra=${5:-} work="$DIR/$1"
    mkdir -p "$work"
    {
        echo "office: {name: 基准测试市人民政府办公室, short_name: 市政务公开办, contact: \"0000-1234567\"}"
        echo "paths: {lexicon: $DIR/wordlists, reports: reports, store: reports/govlint.sqlite, ignore: ignore.yaml}"
        echo "crawl: {delay_ms: $delay, max_pages: $((PAGES + 10)), max_depth: 20, check_external_links: false$extra}"
        echo "sites:"
        for i in $(seq 1 "$count"); do
            echo "  - {id: s$i, name: 基准县$i, owner: 基准县$i办公室, recipients: [web$i@example.gov.cn], url: \"$(url "$layout" "$i")\"}"
        done
    } > "$work/config.yaml"
    echo "$work"
}

measure() {   # label, pages, command...
    local label=$1 pages=$2; shift 2
    /usr/bin/time -v -o "$DIR/time.txt" "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || { tail -5 "$DIR/err.txt" >&2; }
    python3 - "$label" "$pages" "$DIR/time.txt" <<'PY'
import re, sys
label, pages, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t = open(path).read()
def field(name):
    return re.search(re.escape(name) + r".*?: (.*)", t).group(1).strip()
parts = [float(p) for p in field("Elapsed (wall clock) time").split(":")]
wall = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(field("User time")) + float(field("System time"))
rss = int(field("Maximum resident set size")) / 1024
cores = 2
idle = max(0.0, 1 - cpu / (wall * cores))
print(f"| {label} | {pages:,} | {wall:.1f} | {cpu:.1f} | {idle:.0%} | {pages / wall:,.0f} | {rss:.0f} |")
PY
}

storesize() {   # bytes the store's pages take (page_count × page_size; the WAL checkpointed first)
    sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    sqlite3 "$1" "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size;"
}

TOTAL=$((SITES * PAGES))
echo "| run | pages | wall s | CPU s | idle (2 cores) | pages/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
if [ "${NIGHTS_ONLY:-0}" = 1 ]; then
    for delay in 0 200; do
        work=$(config "nights-$delay" addresses "$delay" "$SITES")
        measure "$SITES sites, delay $delay: first night" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet --now 2026-12-01T02:00
        first=$(storesize "$work/reports/govlint.sqlite")
        second_night=("$BIN" run --config "$work/config.yaml" --quiet --now 2026-12-02T02:00)
        if [ -n "${PERF_SECOND:-}" ] && [ "$delay" = 0 ]; then   # PERF_SECOND=FILE: perf record -g of that night
            second_night=(perf record -g -o "$PERF_SECOND" "${second_night[@]}")
        fi
        measure "  second night, all 304" "$TOTAL" "${second_night[@]}"
        second=$(storesize "$work/reports/govlint.sqlite")
        measure "  third night, all 304" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet --now 2026-12-03T02:00
        third=$(storesize "$work/reports/govlint.sqlite")
        echo "| delay $delay: store after nights 1, 2, 3 | $first | $second | $third | growth $(python3 -c "print(f'{($second - $first) * 100 / $first:.2f} %, {($third - $second) * 100 / $first:.2f} %')") of the first night | | |"
    done
    exit 0
fi
work=$(config single addresses 200 1)
measure "one site alone, defaults (4 connections, 200 ms)" "$PAGES" "$BIN" run --config "$work/config.yaml" --quiet
work=$(config addr-default addresses 200 "$SITES")
measure "$SITES sites on $SITES addresses, defaults" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
first=$(storesize "$work/reports/govlint.sqlite")
measure "  second night, all 304" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
second=$(storesize "$work/reports/govlint.sqlite")
work=$(config addr-fast addresses 0 "$SITES")
measure "$SITES sites on $SITES addresses, delay 0" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
if [ "${ONE_HOST_DEFAULTS:-0}" = 1 ]; then   # one host, 4 connections × 5/s: SITES × PAGES / 20 s
    work=$(config port-default ports 200 "$SITES")
    measure "$SITES sites on $SITES ports of one address, defaults (one host: 4 connections)" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
fi
work=$(config port-group ports 200 "$SITES" ", hosts: {127.0.0.1: {connections: 64, delay_ms: 200}}")
measure "$SITES sites on $SITES ports of one address, host group 64 connections, 200 ms" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
work=$(config port-fast ports 0 "$SITES")
measure "$SITES sites on $SITES ports of one address, delay 0" "$TOTAL" "$BIN" run --config "$work/config.yaml" --quiet
urls=$(for i in $(seq 1 "$SITES"); do url addresses "$i"; done)
# shellcheck disable=SC2086
measure "wget2 --spider, $SITES addresses, 64 threads, no wait" "$TOTAL" wget2 --recursive --spider --max-threads=64 --level=20 \
    --no-robots --no-parent -o "$DIR/wget2.log" $urls
echo
echo "store after the first night: $first bytes; after the second: $second bytes (growth $(( (second - first) * 100 / first ))% of the first)"
