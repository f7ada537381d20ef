#!/usr/bin/env python3
"""SMTP server for govlint's mail tests (aiosmtpd on 127.0.0.1, a free port).

Prints the port on the first line of stdout, then serves until stdin closes (so it dies
with the test process). Each accepted message is saved as NNNN.eml (the DATA bytes as
received) plus NNNN.json (envelope sender and recipients).

Modes:
  accept        accept everything
  refuse-rcpt   refuse (550) every recipient whose address contains "reject"
  refuse-data   refuse the message after DATA (554 with a reason)
  drop          close the connection while the message is being received
  auth          require AUTH (PLAIN/LOGIN) with --user/--password; plain text allowed
"""
import argparse
import asyncio
import json
import os
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, mode, maildir):
        self.mode = mode
        self.maildir = maildir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse-rcpt" and "reject" in address:
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse-data":
            return "554 5.7.1 Message rejected: content policy (test server)"
        if self.mode == "drop":
            server.transport.abort()
            return "421 closing"  # never delivered: the connection is gone
        self.count += 1
        base = os.path.join(self.maildir, "%04d" % self.count)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 OK: queued as %04d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="accept",
                        choices=["accept", "refuse-rcpt", "refuse-data", "drop", "auth"])
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user", default="gkb@example.gov.cn")
    parser.add_argument("--password", default="secret")
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    handler = Handler(args.mode, args.maildir)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and \
            auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False)

    # aiosmtpd warns that AUTH without TLS is unsafe: on loopback in tests that is the point.
    import warnings
    warnings.simplefilter("ignore")

    def factory():
        if args.mode == "auth":
            return SMTP(handler, decode_data=False, authenticator=authenticator,
                        auth_required=True, auth_require_tls=False)
        return SMTP(handler, decode_data=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)

    def wait_for_stdin_eof():
        sys.stdin.read()
        loop.call_soon_threadsafe(loop.stop)

    threading.Thread(target=wait_for_stdin_eof, daemon=True).start()
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
