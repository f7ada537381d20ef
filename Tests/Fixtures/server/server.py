#!/usr/bin/env python3
"""Fixture HTTP server for govlint's tests (standard library only).

HTTP/1.1 with keep-alive, a deep listen backlog (python's http.server default of 5 drops SYNs
under load), a static directory (--root) and generated routes, including every fault the
crawler must survive. Started with --port 0 it prints the chosen port on stdout. With --log
FILE it appends one line per request: monotonic time, method, path, Host, User-Agent,
If-None-Match, If-Modified-Since, Range (tab-separated, "-" when absent).

Files under --root are served with a Content-Type from their extension; ?as=TYPE serves
them with TYPE instead (attachments labelled wrongly, as real servers do).

Routes (besides files under --root):
  /robots.txt              root's robots.txt, else "Disallow: /private/" for every agent
  /gen/N                   generated site: page N links to 2N+1 and 2N+2 below --gen-pages
  /cal/Y/M/D               endless calendar: links to the next day and the next month
  /list?page=N             endless pagination: links to page N+1
  /files/NAME              attachment that refuses HEAD (405) and honours Range
  /_/slow?s=S              answers after S seconds
  /_/status/CODE           answers CODE
  /_/flaky/KEY             500 the first time per KEY, then 200
  /_/ratelimit/KEY?after=S[&date=1]   429 + Retry-After (seconds or HTTP date) once, then 200
  /_/throttle              503 + Retry-After: 3600, always
  /_/tarpit/0?after=S&n=N  a page linking to /_/tarpit/1..N; every other /_/tarpit/K answers
                           429 + Retry-After: S, always (a server slowing a crawl to a crawl)
  /_/waf503                503 Cloudflare-style "Just a moment" challenge + challenge cookie
  /_/captcha403            403 GBK page asking for a 验证码
  /_/loop                  302 -> /_/loop2 -> 302 -> /_/loop
  /_/chain                 302 -> /_/chain/2 -> 301 -> /_/chain/3 (200)
  /_/offhost               302 -> http://localhost:PORT/_/landed
  /_/bomb                  64 MiB of zeros, gzip-encoded (~64 KiB on the wire)
  /_/endless               chunked body that never ends
  /_/binary.html           random bytes labelled text/html
  /_/wrong-charset         GBK bytes labelled charset=utf-8
  /_/etag/NAME             ETag + Last-Modified, 304 on a matching conditional request

Hostile pages (issue 11): each answers text/html; charset=utf-8.
  /_/hostile/nul           an HTML page with stray NUL bytes in its first KB, a hidden
                           gambling link and a sensitive word (it is HTML, not binary)
  /_/hostile/png.html      a PNG signature and image bytes labelled text/html (binary)
  /_/hostile/brackets?mb=M M MiB of unmatched 《 (findings must be capped per rule)
  /_/hostile/cards?n=N     a subsidy list of N valid bank-card numbers in one table
  /_/hostile/attrs?n=N     one element with N attributes
  /_/hostile/tables?n=N    N nested tables
  /_/hostile/redirects?n=N a redirect chain of N hops, no loop (…?n=N&hop=K)
  /_/fuzz/K?total=T        fuzzed hostile page K (seeded by K), linking to pages 2K+1 and
                           2K+2 below T: the soak crawl
"""
import argparse
import email.utils
import gzip
import os
import posixpath
import random
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 03 Nov 2026 08:00:00 GMT"


_bomb = None
_bomb_lock = threading.Lock()


def bomb():
    """64 MiB of zeros, gzip-compressed once on first use (~64 KiB)."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            _bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=6)
        return _bomb


class FixtureServer(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "govlint-fixture/1"
    counters = {}
    counters_lock = threading.Lock()
    log_lock = threading.Lock()

    # -- plumbing -------------------------------------------------------------
    def log_message(self, fmt, *args):  # quiet: the --log file is the record
        pass

    def record(self):
        path = self.server.log_path
        if not path:
            return
        fields = [f"{time.monotonic():.6f}", self.command, self.path]
        for name in ("Host", "User-Agent", "If-None-Match", "If-Modified-Since", "Range"):
            fields.append((self.headers.get(name) or "-").replace("\t", " "))
        with Handler.log_lock, open(path, "a", encoding="utf-8") as f:
            f.write("\t".join(fields) + "\n")

    def first_time(self, key):
        with Handler.counters_lock:
            n = Handler.counters.get(key, 0)
            Handler.counters[key] = n + 1
            return n == 0

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def html(self, title, links=(), status=200, extra=""):
        items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
        body = f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>" \
               f"<body><h1>{title}</h1><ul>{items}</ul>{extra}</body></html>"
        self.send(status, body.encode("utf-8"))

    def redirect(self, status, location):
        self.send(status, b"", headers={"Location": location})

    def do_HEAD(self):
        self.do_GET()

    # -- routes ---------------------------------------------------------------
    def do_GET(self):
        self.record()
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        try:
            if path == "/robots.txt":
                return self.robots()
            if path.startswith("/_/"):
                return self.fault(path[3:], query)
            if path.startswith("/gen/"):
                return self.generated(path[5:])
            if path.startswith("/cal/"):
                return self.calendar(path[5:])
            if path == "/list":
                n = int(query.get("page", ["1"])[0])
                return self.html(f"list page {n}", [f"/list?page={n + 1}"])
            if path.startswith("/files/"):
                return self.attachment(path)
            return self.static(path, query.get("as", [None])[0])
        except (BrokenPipeError, ConnectionResetError):
            pass

    def robots(self):
        root = self.server.root
        if root and os.path.isfile(os.path.join(root, "robots.txt")):
            return self.static("/robots.txt")
        self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")

    def static(self, path, as_type=None):
        root = self.server.root
        if not root:
            return self.send(404, b"<h1>404</h1>")
        rel = posixpath.normpath(urllib.parse.unquote(path)).lstrip("/")
        full = os.path.join(root, rel)
        if not os.path.realpath(full).startswith(os.path.realpath(root)):
            return self.send(403, b"<h1>403</h1>")
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        if not os.path.isfile(full):
            return self.send(404, b"<h1>404 Not Found</h1>")
        with open(full, "rb") as f:
            body = f.read()
        ctype = {"html": "text/html; charset=utf-8", "txt": "text/plain", "pdf": "application/pdf",
                 "png": "image/png"}.get(full.rsplit(".", 1)[-1], "application/octet-stream")
        self.send(200, body, as_type or ctype)

    def generated(self, rest):
        n = int(rest.split(".")[0] or 0)
        total = self.server.gen_pages
        if n >= total:
            return self.send(404, b"<h1>404</h1>")
        links = [f"/gen/{c}" for c in (2 * n + 1, 2 * n + 2) if c < total]
        self.html(f"generated page {n}", links)

    def calendar(self, rest):
        import datetime
        y, m, d = (int(x) for x in rest.strip("/").split("/")[:3])
        day = datetime.date(y, m, d)
        nxt = day + datetime.timedelta(days=1)
        month = datetime.date(y + (m // 12), m % 12 + 1, 1)
        self.html(f"calendar {day}", [nxt.strftime("/cal/%Y/%m/%d"), month.strftime("/cal/%Y/%m/%d")])

    def attachment(self, path):
        if self.command == "HEAD":
            return self.send(405, b"", headers={"Allow": "GET"})
        body = b"%PDF-1.4\n" + b"0" * 4096
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=0-0"):
            return self.send(206, body[:1], "application/pdf",
                             {"Content-Range": f"bytes 0-0/{len(body)}"})
        self.send(200, body, "application/pdf")

    def fault(self, name, query):
        port = self.server.server_address[1]
        if name == "slow":
            time.sleep(float(query.get("s", ["3"])[0]))
            return self.html("slow")
        if name.startswith("status/"):
            code = int(name.split("/")[1])
            return self.html(f"status {code}", status=code)
        if name.startswith("flaky/"):
            if self.first_time(name):
                return self.html("temporary failure", status=500)
            return self.html("recovered")
        if name.startswith("ratelimit/"):
            if self.first_time(name):
                after = query.get("after", ["1"])[0]
                if "date" in query:
                    after = email.utils.formatdate(time.time() + float(after) + 1, usegmt=True)
                return self.send(429, b"<h1>Too Many Requests</h1>", headers={"Retry-After": after})
            return self.html("after the wait")
        if name.startswith("tarpit/"):
            after = query.get("after", ["2"])[0]
            if name == "tarpit/0":
                n = int(query.get("n", ["20"])[0])
                return self.html("tarpit", [f"/_/tarpit/{k}?after={after}" for k in range(1, n + 1)])
            return self.send(429, b"<h1>Too Many Requests</h1>", headers={"Retry-After": after})
        if name == "throttle":
            return self.send(503, b"<h1>Service Unavailable</h1>", headers={"Retry-After": "3600"})
        if name == "waf503":
            body = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>" \
                   b"<div id=\"cf-chl-widget\">Checking your browser</div></body></html>"
            return self.send(503, body, headers={"Set-Cookie": "__jsl_clearance=1700000000.1|0|abc; path=/"})
        if name == "captcha403":
            body = "<html><head><title>访问验证</title></head><body>请输入验证码后继续访问</body></html>"
            return self.send(403, body.encode("gb18030"), "text/html; charset=gbk")
        if name == "loop":
            return self.redirect(302, "/_/loop2")
        if name == "loop2":
            return self.redirect(302, "/_/loop")
        if name == "chain":
            return self.redirect(302, "/_/chain/2")
        if name == "chain/2":
            return self.redirect(301, f"http://127.0.0.1:{port}/_/chain/3")
        if name == "chain/3":
            return self.html("end of chain")
        if name == "offhost":
            return self.redirect(302, f"http://localhost:{port}/_/landed")
        if name == "landed":
            return self.html("landed on another host name")
        if name == "bomb":
            return self.send(200, bomb(), headers={"Content-Encoding": "gzip"})
        if name == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                return
        if name == "binary.html":
            rnd = random.Random(7)
            return self.send(200, bytes(rnd.getrandbits(8) for _ in range(4096)) + b"\0" * 16)
        if name == "wrong-charset":
            body = "<html><head><title>政务公开</title></head><body>关于做好政府信息公开工作的通知</body></html>"
            return self.send(200, body.encode("gb18030"), "text/html; charset=utf-8")
        if name.startswith("fuzz/"):
            if not name[5:].isdigit():   # a relative link from a fuzzed page (src=x)
                return self.send(404, b"<h1>404</h1>")
            k = int(name[5:])
            total = int(query.get("total", ["100"])[0])
            links = "".join(f'<a href="/_/fuzz/{c}?total={total}">下一页{c}</a>' for c in (2 * k + 1, 2 * k + 2) if c < total)
            return self.send(200, fuzz_page(k, links.encode("utf-8")))
        if name.startswith("hostile/"):
            return self.hostile(name[8:], query)
        if name.startswith("etag/"):
            tag = f'"v1-{name[5:]}"'
            headers = {"ETag": tag, "Last-Modified": LAST_MODIFIED}
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (inm and tag in inm) or (not inm and ims == LAST_MODIFIED):
                self.send_response(304)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                return
            return self.send(200, f"<html><body>etag page {name[5:]}</body></html>".encode(), headers=headers)
        self.send(404, b"<h1>no such fault</h1>")

    def hostile(self, name, query):
        n = int(query.get("n", ["1000"])[0])
        if name == "nul":
            body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>县政府门户网站</title></head>"
                    "<body>\0<h1>政务公开</h1>\0<p>欢迎访问。</p>"
                    "<div style=\"display:none\"><a href=\"http://casino.example.com/\">365赌球网</a></div>"
                    "<p>有网民发帖称“台湾总统”一词，\0应予纠正。</p></body></html>")
            return self.send(200, body.encode("utf-8"))
        if name == "png.html":
            rnd = random.Random(11)
            return self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(rnd.getrandbits(8) for _ in range(2048)))
        if name == "brackets":
            mib = float(query.get("mb", ["1"])[0])
            count = int(mib * 1024 * 1024) // 3
            body = b"<html><body><p>" + "《".encode("utf-8") * count + b"</p></body></html>"
            return self.send(200, body)
        if name == "cards":
            return self.send(200, hostile_cards(n).encode("utf-8"))
        if name == "attrs":
            attrs = " ".join(f'data-a{i}="x"' for i in range(n))
            return self.send(200, f"<html><body><div {attrs}>正文</div></body></html>".encode())
        if name == "tables":
            body = "<html><body>" + "<table><tr><td>单元格" * n + "</body></html>"
            return self.send(200, body.encode("utf-8"))
        if name == "redirects":
            hop = int(query.get("hop", ["0"])[0])
            if hop >= n:
                return self.html("end of the chain")
            return self.redirect(302, f"/_/hostile/redirects?n={n}&hop={hop + 1}")
        self.send(404, b"<h1>no such hostile page</h1>")


def luhn_complete(prefix):
    """The Luhn check digit that completes `prefix` (a string of digits)."""
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


def hostile_cards(n):
    """A 补贴发放名单 of n persons, each with a valid 19-digit UnionPay card number."""
    rows = "".join(f"<tr><td>张{i % 97}</td><td>银行卡号：{luhn_complete('622202' + str(100000000000 + i))}</td></tr>"
                   for i in range(n))
    return f"<html><body><h1>补贴发放名单</h1><table>{rows}</table></body></html>"


FUZZ_FRAGMENTS = [
    lambda r: b"\0" * r.randint(1, 8),
    lambda r: bytes(r.getrandbits(8) for _ in range(r.randint(1, 64))),
    lambda r: b"<table><tr><td>" * r.randint(1, 3000),
    lambda r: b"<div " + b" ".join(b"a%d=x" % i for i in range(r.randint(1, 3000))) + b">",
    lambda r: "《".encode() * r.randint(1, 20000),
    lambda r: "（".encode() * r.randint(1, 2000) + "】".encode() * r.randint(1, 2000),
    lambda r: "".join(f"张{i}银行卡号：{luhn_complete('622202' + str(100000000000 + i))}<br>" for i in range(r.randint(1, 300))).encode(),
    lambda r: "".join(f"李{i} 1{r.randint(3, 9)}{r.randint(100000000, 999999999)} " for i in range(r.randint(1, 300))).encode(),
    lambda r: b"<!--" + b"x" * r.randint(1, 5000),
    lambda r: b"<script>" + b"var a='<p>';" * r.randint(1, 500),
    lambda r: b'<p style="display:none"><a href="http://spam.example.com/">365\xe8\xb5\x8c\xe7\x90\x83\xe7\xbd\x91</a></p>',
    lambda r: b"&amp;&#x4e00;&#0;&#xD800;&#99999999;&nbsp;&unknown;" * r.randint(1, 200),
    lambda r: "认真布署全年工作，党的20大，星期3，".encode("gb18030") * r.randint(1, 50),
    lambda r: b"\xef\xbb\xbf\xff\xfe\x00\x00<html>",
    lambda r: b"<a href='" + b"%" * r.randint(1, 5000) + b"'>x</a>",
    lambda r: b"<p>" + "，。、".encode() * r.randint(1, 3000) + b"</p>",
    lambda r: b"<base href='javascript:alert(1)'><img src=x onerror=alert(1)>",
    lambda r: b"<style>.h{display:none}</style><div class=h>\xe5\x8f\xb0\xe6\xb9\xbe\xe6\x80\xbb\xe7\xbb\x9f</div>",
    lambda r: b"\r\n\r" * r.randint(1, 3000),
    lambda r: b"<" * r.randint(1, 5000) + b">" * r.randint(1, 5000),
]


def fuzz_page(k, links):
    """A page of hostile fragments chosen and sized by the seed k (reproducible)."""
    r = random.Random(k)
    parts = [b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>fuzz %d</title></head><body>" % k, links]
    for _ in range(r.randint(1, 6)):
        parts.append(r.choice(FUZZ_FRAGMENTS)(r))
    parts.append(b"</body></html>")
    return b"".join(parts)


def main():
    # A parent's worker thread may have blocked these; stay killable by a plain SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--root")
    ap.add_argument("--log")
    ap.add_argument("--gen-pages", type=int, default=100)
    args = ap.parse_args()
    server = FixtureServer((args.host, args.port), Handler)
    server.root = args.root
    server.log_path = args.log
    server.gen_pages = args.gen_pages
    threading.Thread(target=bomb, daemon=True).start()   # ready before a test asks for it
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
