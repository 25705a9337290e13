"""Building a :class:`Document` from text or a (cached) extraction, with its metadata and notes."""

from __future__ import annotations

from pathlib import Path

from caseview.corpus.document import CorpusWarning, Document, text_sha256
from caseview.corpus.formats import ExtractedText, ReadOptions, front_matter
from caseview.corpus.loader import FileEntry
from caseview.corpus.metadata import MetadataError, build_meta, read_sidecar, sidecar_path
from caseview.corpus.textcache import CachedExtraction


def sidecar_for(entry_path: Path, doc_id: str, notes: list[CorpusWarning]) -> dict[str, object] | None:
    sidecar_file = sidecar_path(entry_path)
    if sidecar_file is None:
        return None
    try:
        return read_sidecar(sidecar_file)
    except MetadataError as error:
        notes.append(CorpusWarning(path=doc_id, reason=f"metadata ignored: {error}", skipped=False, kind="metadata"))
        return None


def read_options(sidecar: dict[str, object] | None, depth: int = 0) -> ReadOptions:
    password = sidecar.get("password") if sidecar else None
    return ReadOptions(password=str(password) if password is not None else None, depth=depth)


def build_document(
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


def as_extracted(record: CachedExtraction) -> ExtractedText:
    return ExtractedText(
        text=record.text, title=record.title, author=record.author, published=record.published, extra=record.extra
    )


def record_document(
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
    document = build_document(
        entry=entry,
        doc_id=doc_id,
        fmt=fmt,
        text=record.text,
        extracted=as_extracted(record),
        sidecar=sidecar,
        filename=filename,
        notes=notes,
        pages=record.pages,
        parent=parent,
        path=path,
    )
    return document, notes
