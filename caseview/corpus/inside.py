"""Documents inside files: an e-mail's attachments, a mailbox's messages, read through their container.

Within bounds: an embedded document larger than :data:`MAX_EMBEDDED_BYTES` or nested deeper than
:data:`MAX_DEPTH` is named and not read. From the cache, a container is parsed again only when a
child's text is not stored yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from caseview.corpus.building import read_options, record_document
from caseview.corpus.docids import DocRef
from caseview.corpus.document import CorpusWarning, Document
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
from caseview.corpus.formats import ReadOptions, html_to_text
from caseview.corpus.loader import FileEntry
from caseview.corpus.textcache import CachedExtraction, TextCache
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes

#: An attachment larger than this is named and not read.
MAX_EMBEDDED_BYTES = 128 * 1024 * 1024
#: Attachments of attachments of …: deeper than this is named and not read.
MAX_DEPTH = 4
#: Image attachments smaller than this are logos and signatures, not documents: left out silently.
MIN_IMAGE_ATTACHMENT_BYTES = 32 * 1024


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


def read_inside(
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
    extraction = extract(fmt, data, key, read_options(sidecar), cache)
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
    return record_document(entry, ref.doc_id, fmt, extraction.record, None, filename, path, ref.parent_id)


def _reextract(top_fmt: str, top_data: bytes, ref: DocRef, depth: int, sidecar: dict[str, object] | None) -> Extraction:
    """The container at ``depth - 1`` along ``ref``, extracted from the file's bytes without the cache."""
    extraction = extract(top_fmt, top_data, "", read_options(sidecar), None)
    for step in ref.steps[: depth - 1]:
        child = next(item for item in extraction.record.children if item.step == step)
        extraction = _extract_child(_child_format(child.filename), _embedded_bytes(extraction, step), "", 1, None)
    return extraction


class Parts(Protocol):
    def embedded(self) -> Extraction: ...


class ContainerParts:
    """The embedded parts of one container, extracted again from its bytes only if a child needs them."""

    def __init__(self, fmt: str, data: bytes, sidecar: dict[str, object] | None, extraction: Extraction) -> None:
        self.fmt, self.data, self.sidecar, self.extraction = fmt, data, sidecar, extraction

    def embedded(self) -> Extraction:
        if self.extraction.embedded is None:
            self.extraction = extract(self.fmt, self.data, "", read_options(self.sidecar), None)
        return self.extraction


def children_of(
    entry: FileEntry,
    path: Path,
    parent_id: str,
    parent_key: str,
    record: CachedExtraction,
    container: Parts,
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
            inner: Parts | None = None
            if child_record is None:
                child_data = _embedded_bytes(container.embedded(), child.step)
                if child_fmt == "image" and len(child_data) < MIN_IMAGE_ATTACHMENT_BYTES:
                    continue
                extraction = _extract_child(child_fmt, child_data, child_key, depth, cache)
                child_record = extraction.record
                inner = ContainerParts(child_fmt, child_data, None, extraction)
            document, notes = record_document(
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
            yield from children_of(entry, path, child_id, child_key, child_record, inner, depth + 1, cache)


class _LazyChild:
    """A cached child whose own children need its bytes after all: got from its container when asked."""

    def __init__(self, parent: Parts, step: str, fmt: str) -> None:
        self.parent, self.step, self.fmt = parent, step, fmt
        self._extraction: Extraction | None = None

    def embedded(self) -> Extraction:
        if self._extraction is None:
            data = _embedded_bytes(self.parent.embedded(), self.step)
            self._extraction = _extract_child(self.fmt, data, "", 1, None)
        return self._extraction


def cached_inside(
    entry: FileEntry, ref: DocRef, path: Path, file_key: str, cache: TextCache
) -> tuple[Document, list[CorpusWarning]] | None:
    """A document inside a file read from the text cache alone, given the file's hash; None when some
    record along the way is not cached (then read it with :func:`read_inside`).

    Opening message after message of a large mailbox would otherwise read and hash the whole mailbox
    for each one.
    """
    if len(ref.steps) > MAX_DEPTH:
        return None
    fmt = format_of(ref.file_id)
    if fmt is None or fmt not in EXTRACTORS:
        return None
    record = cached_record(fmt, file_key, cache)
    key, filename = file_key, path.name
    for step in ref.steps:
        child = next((item for item in record.children if item.step == step), None) if record else None
        if child is None:
            return None
        fmt = format_of(child.filename) or ""
        if fmt not in EXTRACTORS:
            return None  # a text attachment is decoded, not cached: read through the container
        key, filename = key + step, child.filename
        record = cached_record(fmt, key, cache)
    if record is None:
        return None
    return record_document(entry, ref.doc_id, fmt, record, None, filename, path, ref.parent_id)
