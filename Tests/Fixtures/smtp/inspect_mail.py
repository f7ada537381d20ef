#!/usr/bin/env python3
"""Decodes a received .eml with Python's email package and prints its structure as JSON,
so the Swift tests assert on an independent MIME parser's reading of the bytes."""
import email
import email.header
import email.policy
import json
import sys


def describe(part):
    out = {"type": part.get_content_type()}
    if part.is_multipart():
        out["parts"] = [describe(p) for p in part.iter_parts()]
        return out
    out["filename"] = part.get_filename()
    out["disposition"] = part.get_content_disposition()
    payload = part.get_payload(decode=True) or b""
    out["text"] = payload.decode("utf-8", errors="replace")
    out["bom"] = payload.startswith(b"\xef\xbb\xbf")
    return out


raw = open(sys.argv[1], "rb").read()
message = email.message_from_bytes(raw, policy=email.policy.default)
headers = {}
for name, value in message.raw_items():
    headers.setdefault(name.lower(), []).append(str(value))
result = {
    "subject": str(message["subject"]),
    "from": str(message["from"]),
    "to": str(message["to"]),
    "cc": str(message["cc"]) if message["cc"] else None,
    "date": str(message["date"]) if message["date"] else None,
    "date_parsed": message["date"].datetime.isoformat() if message["date"] else None,
    "message_id": str(message["message-id"]) if message["message-id"] else None,
    "header_names": [name for name, _ in message.raw_items()],
    "defects": [type(d).__name__ for d in message.defects],
    "max_line": max(len(line) for line in raw.split(b"\r\n")),
    "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
    "structure": describe(message),
}
print(json.dumps(result, ensure_ascii=False))
