#!/usr/bin/env python3
"""Read invitation emails with Python's own MIME parser and check them.

Usage: eml_check.py OUT_DIR EML_OR_DIR... [--expect N]

For every message: the MIME tree is multipart/mixed > multipart/alternative
(text/plain, text/html, text/calendar with a `method`) + an invite.ics
attachment; the calendar's METHOD matches the MIME method; there is exactly
one ATTENDEE and it is the To address; nobody got the same (UID, SEQUENCE,
METHOD) twice. Each calendar is written to OUT_DIR for ics-check.
"""
import email
import email.policy
import pathlib
import re
import sys


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def check(path, seen):
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    problems = []
    to = msg["To"].addresses
    if len(to) != 1:
        problems.append(f"{len(to)} recipients in To")
    address = to[0].addr_spec.lower()
    if msg.get_content_type() != "multipart/mixed":
        problems.append(f"top is {msg.get_content_type()}")
    parts = list(msg.iter_parts())
    alternative = parts[0] if parts else None
    if alternative is None or alternative.get_content_type() != "multipart/alternative":
        return [f"no multipart/alternative first"], None
    kinds = [p.get_content_type() for p in alternative.iter_parts()]
    if kinds != ["text/plain", "text/html", "text/calendar"]:
        problems.append(f"alternative parts are {kinds}")
    cal_part = list(alternative.iter_parts())[-1]
    mime_method = cal_part.get_param("method")
    calendar = cal_part.get_payload(decode=True)
    attachments = [p for p in parts[1:] if p.get_filename() == "invite.ics"]
    if len(attachments) != 1:
        problems.append("no invite.ics attachment")
    elif attachments[0].get_payload(decode=True) != calendar:
        problems.append("invite.ics differs from the calendar part")
    lines = unfold(calendar.decode("utf-8"))
    method = next((l.split(":", 1)[1] for l in lines if l.startswith("METHOD:")), None)
    if method != mime_method:
        problems.append(f"METHOD:{method} but MIME method={mime_method}")
    attendees = [l for l in lines if l.startswith("ATTENDEE")]
    if len(attendees) != 1 or not attendees[0].lower().endswith(f":mailto:{address}"):
        problems.append(f"ATTENDEE lines {attendees} for {address}")
    if not any(l.startswith("ORGANIZER") for l in lines):
        problems.append("no ORGANIZER")
    uid = next(l for l in lines if l.startswith("UID:"))
    sequence = next(l for l in lines if l.startswith("SEQUENCE:"))
    key = (address, uid, sequence, method)
    if key in seen:
        problems.append(f"{address} got {uid} {sequence} {method} twice ({seen[key]})")
    seen[key] = path.name
    for header in ("Bcc", "Cc", "X-Injected"):
        if msg[header] is not None:
            problems.append(f"unexpected {header} header")
    return problems, calendar


def messages_in(p):
    """A Maildir's new/ holds messages under unique names; an outbox holds
    .eml files beside symcal's state, its lock and its journal."""
    if not p.is_dir():
        return [p]
    if p.name == "new":
        return sorted(f for f in p.iterdir() if f.is_file())
    return sorted(f for f in p.rglob("*.eml") if f.is_file())


def main(argv):
    expect = None
    if "--expect" in argv:
        i = argv.index("--expect")
        expect = int(argv[i + 1])
        del argv[i : i + 2]
    out = pathlib.Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for arg in argv[1:]:
        p = pathlib.Path(arg)
        files += messages_in(p)
    seen = {}
    failed = 0
    for i, path in enumerate(files):
        problems, calendar = check(path, seen)
        if problems:
            failed += 1
            print(f"FAIL {path}: {'; '.join(problems)}")
        if calendar is not None:
            (out / f"{i:03d}-{path.stem[:60]}.ics").write_bytes(calendar)
    print(f"{len(files)} messages, {failed} failed")
    if expect is not None and len(files) != expect:
        print(f"expected {expect} messages")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
