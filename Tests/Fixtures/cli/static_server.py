#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 the way a plain web server does: Content-Type from the file
extension with no charset (so GBK pages are read by their <meta> or by detection), HTTP/1.1,
a deep listen backlog (http.server's default of 5 stalls concurrent crawls). Standard library
only. Usage: static_server.py ROOT; prints the chosen port on stdout.
"""
import functools
import signal
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    handler = functools.partial(Handler, directory=sys.argv[1])
    server = Server(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
