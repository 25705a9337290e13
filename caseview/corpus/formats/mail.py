"""E-mail containers: an ``.eml``'s attachments, an ``.mbox``'s messages, each a document of its own.

An attachment is never opened by anything but caseview's own readers (no viewer, no macro, no link
followed); its bytes are read only when it is itself read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from email.message import EmailMessage, Message
from functools import partial

from caseview.corpus.docids import attachment_step, message_step
from caseview.corpus.formats.extracted import Embedded, ExtractedText
from caseview.corpus.formats.web import message_to_text, parse_email
from caseview.corpus.problems import Notice
from caseview.corpus.textio import UnreadableDocument

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

#: A mailbox with more messages than this is read up to here, and the rest named.
MAX_MESSAGES = 200_000
#: More attachments than this on one message are not read (named).
MAX_ATTACHMENTS = 500


def unique_steps(steps: Iterable[str]) -> list[str]:
    """The same steps with repeats made unique (``/a.pdf``, ``/a.pdf~2``), in order."""
    seen: dict[str, int] = {}
    unique = []
    for step in steps:
        count = seen.get(step, 0) + 1
        seen[step] = count
        unique.append(step if count == 1 else f"{step}~{count}")
    return unique


def _attachment_name(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        return str(name).replace("\\", "/").rsplit("/", 1)[-1] or f"attachment-{index}"
    if part.get_content_type() == "message/rfc822":
        return f"message-{index}.eml"
    return f"attachment-{index}"


def _attachment_bytes(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0)
        return inner.as_bytes() if isinstance(inner, Message) else b""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def eml_to_text(data: bytes) -> ExtractedText:
    """An e-mail's body (as before) plus its attachments as embedded documents."""
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    message = parse_email(data)
    extracted = message_to_text(message)
    parts = list(message.iter_attachments()) if message.is_multipart() else []
    notices: list[Notice] = []
    if len(parts) > MAX_ATTACHMENTS:
        notices.append(
            Notice(kind="limit", message=f"{len(parts):,} attachments; only the first {MAX_ATTACHMENTS} are read")
        )
        parts = parts[:MAX_ATTACHMENTS]
    names = [_attachment_name(part, index) for index, part in enumerate(parts, 1)]
    steps = unique_steps(attachment_step(name) for name in names)
    embedded = [
        Embedded(step, name, partial(_attachment_bytes, part))
        for step, name, part in zip(steps, names, parts, strict=True)
        if isinstance(part, EmailMessage)
    ]
    text = extracted.text
    if not text.strip():
        if not embedded:
            raise UnreadableDocument("the e-mail has no text body")
        text = "Attachments:\n" + "\n".join(names)
    extracted.text = text
    extracted.embedded = embedded
    extracted.notices = notices
    return extracted


_FROM_LINE = re.compile(rb"(?:\A|(?<=\n))From [^\n]*\n")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def split_mbox(data: bytes) -> list[tuple[int, int]]:
    """The byte ranges of an mbox's messages (each without its ``From `` separator line)."""
    starts = [(match.start(), match.end()) for match in _FROM_LINE.finditer(data)]
    if not starts:
        return []
    ranges = []
    for index, (_, body_start) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(data)
        ranges.append((body_start, end))
    return ranges


def _message_step(message: bytes) -> str:
    header_end = message.find(b"\n\n")
    head = message[: header_end if header_end >= 0 else 65536]
    match = _MESSAGE_ID.search(head)
    if match:
        value = b" ".join(match[1].split()).decode("utf-8", "replace").strip()
        if value.strip("<> "):
            return message_step(value)
    # No Message-ID: named by its content, which is as stable as the message itself.
    return "#sha-" + hashlib.sha256(message).hexdigest()[:16]


def _slice(data: bytes, start: int, end: int) -> bytes:
    return data[start:end]


def mbox_to_text(data: bytes) -> ExtractedText:
    """No text of its own: every message becomes a document ``archive.mbox#<Message-ID>``."""
    ranges = split_mbox(data)
    if not ranges:
        raise UnreadableDocument("not an mbox mailbox (no 'From ' line starts a message)")
    notices: list[Notice] = []
    if len(ranges) > MAX_MESSAGES:
        notices.append(
            Notice(kind="limit", message=f"{len(ranges):,} messages; only the first {MAX_MESSAGES:,} are read")
        )
        ranges = ranges[:MAX_MESSAGES]
    steps = unique_steps(_message_step(data[start:end]) for start, end in ranges)
    embedded = [
        Embedded(step, "message.eml", partial(_slice, data, start, end))
        for step, (start, end) in zip(steps, ranges, strict=True)
    ]
    return ExtractedText(text="", embedded=embedded, notices=notices)
