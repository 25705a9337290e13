"""Outlook ``.msg``: subject, sender, date and body from the MAPI property streams, attachments as
embedded documents. Read with ``olefile`` (BSD); the MAPI layer is small enough to read here, which
spares a GPL dependency (extract-msg).

A ``.msg`` is an OLE compound file: each property ``0xPPPP`` of type ``0xTTTT`` is a stream
``__substg1.0_PPPPTTTT`` (strings, binaries) or an entry of ``__properties_version1.0`` (fixed-size
values such as dates); attachments are storages ``__attach_version1.0_#XXXXXXXX`` laid out alike.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import olefile

from caseview.corpus.docids import attachment_step
from caseview.corpus.formats.extracted import Embedded, ExtractedText
from caseview.corpus.formats.mail import MAX_ATTACHMENTS, unique_steps
from caseview.corpus.formats.web import html_to_text
from caseview.corpus.problems import Notice
from caseview.corpus.textio import UnreadableDocument, normalise_newlines

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

_SUBJECT, _BODY, _HTML, _SENDER_NAME, _SENDER_EMAIL = 0x0037, 0x1000, 0x1013, 0x0C1A, 0x0C1F
_DELIVERY_TIME, _SUBMIT_TIME = 0x0E06, 0x0039
_ATTACH_DATA, _ATTACH_LONG_NAME, _ATTACH_NAME = 0x3701, 0x3707, 0x3704
_UNICODE, _STRING8, _BINARY, _SYSTIME = 0x001F, 0x001E, 0x0102, 0x0040


class _Storage:
    """One storage of the file (the message or an attachment) and its properties."""

    def __init__(self, ole: olefile.OleFileIO, prefix: list[str]) -> None:
        self.ole = ole
        self.prefix = prefix

    def _stream(self, name: str) -> bytes | None:
        path = [*self.prefix, name]
        if not self.ole.exists("/".join(path)):
            return None
        return bytes(self.ole.openstream(path).read())

    def string(self, prop: int) -> str | None:
        raw = self._stream(f"__substg1.0_{prop:04X}{_UNICODE:04X}")
        if raw is not None:
            return raw.decode("utf-16-le", "replace").rstrip("\x00")
        raw = self._stream(f"__substg1.0_{prop:04X}{_STRING8:04X}")
        return raw.decode("cp1252", "replace").rstrip("\x00") if raw is not None else None

    def binary(self, prop: int) -> bytes | None:
        return self._stream(f"__substg1.0_{prop:04X}{_BINARY:04X}")

    def time(self, prop: int, header: int) -> datetime | None:
        """A PT_SYSTIME property (100 ns ticks since 1601) from the fixed-size property stream."""
        raw = self._stream("__properties_version1.0")
        if raw is None:
            return None
        for offset in range(header, len(raw) - 15, 16):
            tag, _flags, value = struct.unpack_from("<IIQ", raw, offset)
            if tag == (prop << 16) | _SYSTIME and value:
                try:
                    return datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=value // 10)
                except OverflowError:
                    return None
        return None


def msg_to_text(data: bytes) -> ExtractedText:
    if not olefile.isOleFile(data=data):
        raise UnreadableDocument("not an Outlook message (not an OLE compound file)")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error, IndexError):
        raise UnreadableDocument("not a readable Outlook message (corrupt or truncated)") from None
    try:
        return _read_message(ole)
    except (OSError, ValueError, struct.error, IndexError):
        raise UnreadableDocument("not a readable Outlook message (corrupt or truncated)") from None
    finally:
        ole.close()


def _read_message(ole: olefile.OleFileIO) -> ExtractedText:
    message = _Storage(ole, [])
    body = message.string(_BODY)
    if not body:
        html = message.binary(_HTML)
        body = html_to_text(html.decode("utf-8", "replace")).text if html else ""
    sender = message.string(_SENDER_NAME)
    address = message.string(_SENDER_EMAIL)
    author = f"{sender} <{address}>" if sender and address and "@" in address else sender or address
    when = message.time(_DELIVERY_TIME, 32) or message.time(_SUBMIT_TIME, 32)
    names: list[str] = []
    contents: list[bytes] = []
    storages = sorted({entry[0] for entry in ole.listdir(streams=True) if entry[0].startswith("__attach_version1.0_")})
    notices: list[Notice] = []
    if len(storages) > MAX_ATTACHMENTS:
        notices.append(
            Notice(kind="limit", message=f"{len(storages):,} attachments; only the first {MAX_ATTACHMENTS} are read")
        )
    for index, storage_name in enumerate(storages[:MAX_ATTACHMENTS], 1):
        attachment = _Storage(ole, [storage_name])
        content = attachment.binary(_ATTACH_DATA)
        if content is None:
            notices.append(
                Notice(kind="partial", message=f"attachment {index} is an embedded object or message; not read")
            )
            continue
        name = attachment.string(_ATTACH_LONG_NAME) or attachment.string(_ATTACH_NAME) or f"attachment-{index}"
        names.append(name.replace("\\", "/").rsplit("/", 1)[-1] or f"attachment-{index}")
        contents.append(content)
    steps = unique_steps(attachment_step(name) for name in names)
    embedded = [
        Embedded(step, name, _constant(content)) for step, name, content in zip(steps, names, contents, strict=True)
    ]
    text = normalise_newlines(body or "").strip("\n")
    if not text.strip():
        if not embedded:
            raise UnreadableDocument("the message has no text body")
        text = "Attachments:\n" + "\n".join(names)
    published: date | None = when.date() if when else None
    return ExtractedText(
        text=text,
        title=message.string(_SUBJECT) or None,
        author=author or None,
        published=published,
        notices=notices,
        embedded=embedded,
    )


def _constant(content: bytes) -> Callable[[], bytes]:
    return lambda: content
