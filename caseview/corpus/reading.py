"""Reading one corpus file into its :class:`Document` (and the documents inside it).

Text files are decoded (``textio``); every other format is extracted once per file content and
extractor version through the :class:`TextCache` when one is given. A document inside a file
(``mail.eml/report.pdf``, ``archive.mbox#<id>``) is read through its container (``inside.py``);
each problem becomes one :class:`CorpusWarning` naming the document.
"""

from __future__ import annotations

import os
import stat as stat_mode
from collections.abc import Iterator
from pathlib import Path

from caseview.corpus.building import build_document, read_options, record_document, sidecar_for
from caseview.corpus.docids import DocRef, candidate_refs, resolve_doc_id
from caseview.corpus.document import CorpusWarning, Document
from caseview.corpus.extraction import CONTAINER_ONLY, EXTRACTORS, extract, format_of, sha256_of
from caseview.corpus.formats import ExtractedText, html_to_text
from caseview.corpus.inside import ContainerParts, children_of, read_inside
from caseview.corpus.loader import FileEntry
from caseview.corpus.textcache import TextCache
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes

#: A corpus file larger than this is named and not read (it would not fit a reader's memory well).
MAX_FILE_BYTES = 1024 * 1024 * 1024


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, never blocking on a FIFO or touching a device (checked on the open file)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise UnreadableDocument("no permission to read it") from None
    except OSError as error:
        raise UnreadableDocument(f"cannot be read: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat_mode.S_ISREG(info.st_mode):
            raise UnreadableDocument("not a regular file (a pipe, device or socket); not opened", "not-a-file")
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableDocument(f"{info.st_size / 1e9:.1f} GB, larger than caseview reads", "limit")
        chunks = []
        while chunk := os.read(descriptor, 1 << 22):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableDocument(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def entry_for(root: Path, doc_id: str) -> FileEntry | None:
    """The :class:`FileEntry` that reads ``doc_id`` (a file, or a document inside one), or None."""
    ref = resolve_doc_id(root, doc_id)
    if ref is None:
        return None
    path = root / ref.file_id
    try:
        info = path.stat()
    except OSError:
        return None
    return FileEntry(doc_id, path, info.st_size, info.st_mtime_ns)


def _locate(entry: FileEntry) -> tuple[DocRef, Path]:
    """Which part of ``entry.doc_id`` is the file ``entry.path`` (also when a caller built the path naively)."""
    posix = entry.path.as_posix()
    for ref in candidate_refs(entry.doc_id):
        if (posix.endswith("/" + ref.file_id) or posix == ref.file_id) and (not ref.steps or entry.path.is_file()):
            return ref, entry.path
    if posix.endswith("/" + entry.doc_id):
        root = Path(posix[: -len(entry.doc_id) - 1])
        resolved = resolve_doc_id(root, entry.doc_id)
        if resolved is not None:
            return resolved, root / resolved.file_id
    return DocRef(entry.doc_id), entry.path


def read_document(entry: FileEntry, cache: TextCache | None = None) -> tuple[Document, list[CorpusWarning]]:
    """Read one document (a file, or a document inside one). Raises :class:`UnreadableDocument`.

    With a ``cache``, extracted formats are read from it when the bytes and extractor are unchanged.
    """
    ref, path = _locate(entry)
    fmt = format_of(ref.file_id)
    if fmt is None:
        raise UnreadableDocument("not a document format caseview reads")
    data = _read_bytes(path)
    notes: list[CorpusWarning] = []
    sidecar = sidecar_for(path, ref.file_id, notes)
    if fmt not in EXTRACTORS:
        return _text_document(entry, ref.file_id, fmt, data, sidecar, notes, path)
    if not ref.steps:
        if fmt in CONTAINER_ONLY:
            extraction = extract(fmt, data, sha256_of(data), read_options(sidecar), cache)
            raise UnreadableDocument(
                f"a mailbox of {len(extraction.record.children):,} messages; each message is a document of its own"
            )
        extraction = extract(fmt, data, sha256_of(data), read_options(sidecar), cache)
        document, more = record_document(entry, ref.file_id, fmt, extraction.record, sidecar, path.name, path, None)
        return document, notes + more
    return read_inside(entry, ref, path, fmt, data, sidecar, cache)


def _text_document(
    entry: FileEntry,
    doc_id: str,
    fmt: str,
    data: bytes,
    sidecar: dict[str, object] | None,
    notes: list[CorpusWarning],
    path: Path,
) -> tuple[Document, list[CorpusWarning]]:
    text, encoding = decode_document_bytes(data)
    extracted: ExtractedText | None = None
    if fmt == "html":
        extracted = html_to_text(text)
        text = extracted.text
        if not text.strip():
            raise UnreadableDocument("the page has no visible text")
    if encoding != "utf-8":
        notes.append(
            CorpusWarning(path=doc_id, reason=f"not UTF-8; read as {encoding}", skipped=False, kind="encoding")
        )
    document = build_document(
        entry=entry,
        doc_id=doc_id,
        fmt=fmt,
        text=text,
        extracted=extracted,
        sidecar=sidecar,
        filename=path.name,
        notes=notes,
        encoding=encoding,
        path=path,
    )
    return document, notes


def read_documents(entry: FileEntry, cache: TextCache | None = None) -> Iterator[Document | CorpusWarning]:
    """A corpus file's document and every document inside it, depth first; notes and problems as warnings.

    Raises :class:`UnreadableDocument` (before yielding anything) only when the file itself cannot be
    read; a problem with one attachment or message is a warning naming it, and the rest is read.
    A mailbox yields no document of its own, only its messages.
    """
    ref, path = _locate(entry)
    fmt = format_of(ref.file_id)
    if fmt is None:
        raise UnreadableDocument("not a document format caseview reads")
    if fmt not in EXTRACTORS:
        document, text_notes = read_document(entry, cache)
        yield document
        yield from text_notes
        return
    data = _read_bytes(path)
    notes: list[CorpusWarning] = []
    sidecar = sidecar_for(path, ref.file_id, notes)
    key = sha256_of(data)
    extraction = extract(fmt, data, key, read_options(sidecar), cache)
    yield from notes
    if fmt not in CONTAINER_ONLY:
        document, more = record_document(entry, ref.file_id, fmt, extraction.record, sidecar, path.name, path, None)
        yield document
        yield from more
    loader = ContainerParts(fmt, data, sidecar, extraction)
    yield from children_of(entry, path, ref.file_id, key, extraction.record, loader, 1, cache)
