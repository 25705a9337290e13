"""Reading one corpus file into its :class:`Document` (and the documents inside it).

Text files are decoded (``textio``); every other format is extracted once per file content and
extractor version through the :class:`TextCache` when one is given. A document inside a file
(``mail.eml/report.pdf``, ``archive.mbox#<id>``) is read through its container, within the size
and depth limits below; each problem becomes one :class:`CorpusWarning` naming the document.
"""

from __future__ import annotations

import os
import stat as stat_mode
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from caseview.corpus.docids import DocRef, candidate_refs, resolve_doc_id
from caseview.corpus.document import CorpusWarning, Document, text_sha256
from caseview.corpus.extraction import (
    CONTAINER_ONLY,
    DOCUMENT_FORMATS,
    EXTRACTORS,
    Extraction,
    cached_record,
    extract,
    format_of,
    sha256_of,
)
from caseview.corpus.formats import ExtractedText, ReadOptions, front_matter, html_to_text
from caseview.corpus.loader import FileEntry
from caseview.corpus.metadata import MetadataError, build_meta, read_sidecar, sidecar_path
from caseview.corpus.textcache import CachedExtraction, TextCache
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes

#: A corpus file larger than this is named and not read (it would not fit a reader's memory well).
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: An attachment larger than this is named and not read.
MAX_EMBEDDED_BYTES = 128 * 1024 * 1024
#: Attachments of attachments of …: deeper than this is named and not read.
MAX_DEPTH = 4
#: Image attachments smaller than this are logos and signatures, not documents: left out silently.
MIN_IMAGE_ATTACHMENT_BYTES = 32 * 1024


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


def _sidecar(entry_path: Path, doc_id: str, notes: list[CorpusWarning]) -> dict[str, object] | None:
    sidecar_file = sidecar_path(entry_path)
    if sidecar_file is None:
        return None
    try:
        return read_sidecar(sidecar_file)
    except MetadataError as error:
        notes.append(CorpusWarning(path=doc_id, reason=f"metadata ignored: {error}", skipped=False, kind="metadata"))
        return None


def _options(sidecar: dict[str, object] | None, depth: int = 0) -> ReadOptions:
    password = sidecar.get("password") if sidecar else None
    return ReadOptions(password=str(password) if password is not None else None, depth=depth)


def _meta_document(
    *,
    entry: FileEntry,
    doc_id: str,
    fmt: str,
    text: str,
    extracted: ExtractedText | None,
    sidecar: dict[str, object] | None,
    filename: str,
    notes: list[CorpusWarning],
    encoding: str = "utf-8",
    pages: tuple[int, ...] = (),
    parent: str | None = None,
    path: Path,
) -> Document:
    front = front_matter(text) if fmt in ("md", "txt") else {}
    try:
        meta = build_meta(text, extracted, sidecar, front, filename)
    except MetadataError as error:
        notes.append(CorpusWarning(path=doc_id, reason=f"metadata ignored: {error}", skipped=False, kind="metadata"))
        meta = build_meta(text, extracted, None, {}, filename)
    return Document(
        id=doc_id,
        path=path,
        format=fmt,
        text=text,
        meta=meta,
        sha256=text_sha256(text),
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        encoding=encoding,
        pages=pages,
        parent=parent,
    )


def _as_extracted(record: CachedExtraction) -> ExtractedText:
    return ExtractedText(
        text=record.text, title=record.title, author=record.author, published=record.published, extra=record.extra
    )


def _record_document(
    entry: FileEntry,
    doc_id: str,
    fmt: str,
    record: CachedExtraction,
    sidecar: dict[str, object] | None,
    filename: str,
    path: Path,
    parent: str | None,
) -> tuple[Document, list[CorpusWarning]]:
    notes = [
        CorpusWarning(path=doc_id, reason=notice.message, skipped=False, kind=notice.kind) for notice in record.notices
    ]
    document = _meta_document(
        entry=entry,
        doc_id=doc_id,
        fmt=fmt,
        text=record.text,
        extracted=_as_extracted(record),
        sidecar=sidecar,
        filename=filename,
        notes=notes,
        pages=record.pages,
        parent=parent,
        path=path,
    )
    return document, notes


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
    sidecar = _sidecar(path, ref.file_id, notes)
    if fmt not in EXTRACTORS:
        return _text_document(entry, ref.file_id, fmt, data, sidecar, notes, path)
    if not ref.steps:
        if fmt in CONTAINER_ONLY:
            extraction = extract(fmt, data, sha256_of(data), _options(sidecar), cache)
            raise UnreadableDocument(
                f"a mailbox of {len(extraction.record.children):,} messages; each message is a document of its own"
            )
        extraction = extract(fmt, data, sha256_of(data), _options(sidecar), cache)
        document, more = _record_document(entry, ref.file_id, fmt, extraction.record, sidecar, path.name, path, None)
        return document, notes + more
    return _read_inside(entry, ref, path, fmt, data, sidecar, cache)


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
    document = _meta_document(
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


def _child_format(filename: str) -> str:
    fmt = format_of(filename)
    if fmt is None or (fmt not in EXTRACTORS and fmt not in DOCUMENT_FORMATS.values()):
        raise UnreadableDocument(f"{filename}: not a document format caseview reads")
    return fmt


def _embedded_bytes(extraction: Extraction, step: str) -> bytes:
    item = (extraction.embedded or {}).get(step)
    if item is None:
        raise UnreadableDocument(f"no {step[1:]} inside its container")
    data = item.load()
    if len(data) > MAX_EMBEDDED_BYTES:
        raise UnreadableDocument(
            f"{len(data) / 1e6:.0f} MB, larger than the {MAX_EMBEDDED_BYTES // 10**6} MB limit", "limit"
        )
    return data


def _extract_child(fmt: str, data: bytes, key: str, depth: int, cache: TextCache | None) -> Extraction:
    if fmt not in EXTRACTORS:
        # A text attachment (.txt, .md, .html) is decoded as such; kept as a record for one code path.
        text, _encoding = decode_document_bytes(data)
        if fmt == "html":
            text = html_to_text(text).text
        return Extraction(CachedExtraction(text=text), {})
    return extract(fmt, data, key, ReadOptions(depth=depth), cache)


def _read_inside(
    entry: FileEntry,
    ref: DocRef,
    path: Path,
    fmt: str,
    data: bytes,
    sidecar: dict[str, object] | None,
    cache: TextCache | None,
) -> tuple[Document, list[CorpusWarning]]:
    if len(ref.steps) > MAX_DEPTH:
        raise UnreadableDocument(f"nested more than {MAX_DEPTH} levels deep; not read", "limit")
    key = sha256_of(data)
    extraction = extract(fmt, data, key, _options(sidecar), cache)
    filename = path.name
    for depth, step in enumerate(ref.steps, 1):
        child = next((item for item in extraction.record.children if item.step == step), None)
        if child is None:
            raise UnreadableDocument(f"no {step[1:]} inside {filename}")
        child_fmt = _child_format(child.filename)
        child_key = key + step
        record = cached_record(child_fmt, child_key, cache) if child_fmt in EXTRACTORS else None
        if record is not None:
            extraction = Extraction(record, None)
        else:
            if extraction.embedded is None:  # the container came from the cache: read it again for the bytes
                extraction = _reextract(fmt, data, ref, depth, sidecar)
            child_data = _embedded_bytes(extraction, step)
            extraction = _extract_child(child_fmt, child_data, child_key, depth, cache)
        key, fmt, filename = child_key, child_fmt, child.filename
        data = b""
    return _record_document(entry, ref.doc_id, fmt, extraction.record, None, filename, path, ref.parent_id)


def _reextract(top_fmt: str, top_data: bytes, ref: DocRef, depth: int, sidecar: dict[str, object] | None) -> Extraction:
    """The container at ``depth - 1`` along ``ref``, extracted from the file's bytes without the cache."""
    extraction = extract(top_fmt, top_data, "", _options(sidecar), None)
    for step in ref.steps[: depth - 1]:
        child = next(item for item in extraction.record.children if item.step == step)
        extraction = _extract_child(_child_format(child.filename), _embedded_bytes(extraction, step), "", 1, None)
    return extraction


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
    sidecar = _sidecar(path, ref.file_id, notes)
    key = sha256_of(data)
    extraction = extract(fmt, data, key, _options(sidecar), cache)
    yield from notes
    if fmt not in CONTAINER_ONLY:
        document, more = _record_document(entry, ref.file_id, fmt, extraction.record, sidecar, path.name, path, None)
        yield document
        yield from more
    loader = _ContainerBytes(fmt, data, sidecar, extraction)
    yield from _children(entry, path, ref.file_id, key, extraction.record, loader, 1, cache)


class _Parts(Protocol):
    def embedded(self) -> Extraction: ...


class _ContainerBytes:
    """The embedded parts of one container, extracted again from its bytes only if a child needs them."""

    def __init__(self, fmt: str, data: bytes, sidecar: dict[str, object] | None, extraction: Extraction) -> None:
        self.fmt, self.data, self.sidecar, self.extraction = fmt, data, sidecar, extraction

    def embedded(self) -> Extraction:
        if self.extraction.embedded is None:
            self.extraction = extract(self.fmt, self.data, "", _options(self.sidecar), None)
        return self.extraction


def _children(
    entry: FileEntry,
    path: Path,
    parent_id: str,
    parent_key: str,
    record: CachedExtraction,
    container: _Parts,
    depth: int,
    cache: TextCache | None,
) -> Iterator[Document | CorpusWarning]:
    for child in record.children:
        child_id = parent_id + child.step
        if depth > MAX_DEPTH:
            yield CorpusWarning(
                path=child_id, reason=f"nested more than {MAX_DEPTH} levels deep; not read", kind="limit"
            )
            continue
        child_fmt = format_of(child.filename)
        if child_fmt is None or (child_fmt in CONTAINER_ONLY and depth > 1):
            continue  # an attachment caseview does not read (a spreadsheet, an archive): not a document
        child_key = parent_key + child.step
        try:
            child_record = cached_record(child_fmt, child_key, cache) if child_fmt in EXTRACTORS else None
            inner: _Parts | None = None
            if child_record is None:
                child_data = _embedded_bytes(container.embedded(), child.step)
                if child_fmt == "image" and len(child_data) < MIN_IMAGE_ATTACHMENT_BYTES:
                    continue
                extraction = _extract_child(child_fmt, child_data, child_key, depth, cache)
                child_record = extraction.record
                inner = _ContainerBytes(child_fmt, child_data, None, extraction)
            document, notes = _record_document(
                entry, child_id, child_fmt, child_record, None, child.filename, path, parent_id
            )
        except UnreadableDocument as error:
            yield CorpusWarning(path=child_id, reason=str(error), kind=error.kind)
            continue
        yield document
        yield from notes
        if child_record.children:
            if inner is None:
                inner = _LazyChild(container, child.step, child_fmt)
            yield from _children(entry, path, child_id, child_key, child_record, inner, depth + 1, cache)


class _LazyChild:
    """A cached child whose own children need its bytes after all: got from its container when asked."""

    def __init__(self, parent: _Parts, step: str, fmt: str) -> None:
        self.parent, self.step, self.fmt = parent, step, fmt
        self._extraction: Extraction | None = None

    def embedded(self) -> Extraction:
        if self._extraction is None:
            data = _embedded_bytes(self.parent.embedded(), self.step)
            self._extraction = _extract_child(self.fmt, data, "", 1, None)
        return self._extraction
