"""Finding the documents of a corpus folder and reading each one into a :class:`Document`.

Scanning only stats files (cheap: it runs on every open); reading decodes one file. Problems with a
file become one :class:`CorpusWarning` each, never an exception that stops the corpus opening.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from caseview.corpus.document import CorpusWarning, Document, text_sha256
from caseview.corpus.formats import ExtractedText, email_to_text, front_matter, html_to_text
from caseview.corpus.metadata import MetadataError, build_meta, read_sidecar, sidecar_path
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes

#: File suffix → document format.
DOCUMENT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".eml": "eml"}
#: caseview's own exports, written beside the case file (``case.memo.md``…): output, not sources.
EXPORT_SUFFIXES = (".memo.md", ".memo.html")


@dataclass(frozen=True)
class FileEntry:
    """A candidate document found by a scan: enough to tell whether it changed, without reading it."""

    doc_id: str
    path: Path
    size: int
    mtime_ns: int
    #: Modification time of the ``.meta.json`` sidecar, 0 when there is none.
    meta_mtime_ns: int = 0


@dataclass
class ScanResult:
    files: list[FileEntry]
    warnings: list[CorpusWarning]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _sidecar_name(name: str, names: set[str]) -> str | None:
    """The metadata sidecar of ``name`` among the folder's ``names`` (see ``metadata.sidecar_path``)."""
    for candidate in (name + ".meta.json", name.rsplit(".", 1)[0] + ".meta.json"):
        if candidate in names:
            return candidate
    return None


def scan_corpus(root: Path) -> ScanResult:
    """Every document file below ``root``, sorted by id.

    Hidden files and folders and ``.caseview/`` are skipped; a symbolic link is followed only when
    its target lies inside the corpus root (a link to ``/etc`` is named and ignored). Uses
    ``os.scandir`` and the folder listing itself (not a stat per candidate) to find sidecars, since
    this runs on every open: 10,000 files scan in about a tenth of a second.
    """
    root = root.resolve()
    files: list[FileEntry] = []
    warnings: list[CorpusWarning] = []
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda item: item.name)
        except OSError as error:
            warnings.append(
                CorpusWarning(
                    path=prefix.rstrip("/") or ".", reason=f"folder cannot be read: {error.strerror or error}"
                )
            )
            continue
        names = {entry.name for entry in entries}
        # Children of one parsed folder path: Path(entry.path) would re-parse the whole path each time
        # (a third of a 200,000-file scan). ``_make_child_relpath`` is pathlib's own fast child maker.
        folder_path = Path(folder)
        child_path = getattr(folder_path, "_make_child_relpath", folder_path.joinpath)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            is_link = entry.is_symlink()
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, rel + "/"))
                continue
            if is_link and Path(entry.path).is_dir():
                warnings.append(
                    CorpusWarning(
                        path=rel, reason="a link to a folder; not followed (link the files or copy the folder in)"
                    )
                )
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in DOCUMENT_FORMATS or name.lower().endswith(EXPORT_SUFFIXES):
                continue
            if is_link:
                target = Path(entry.path).resolve()
                if not _inside(target, root):
                    warnings.append(
                        CorpusWarning(path=rel, reason=f"a link to {target}, outside the corpus folder; not followed")
                    )
                    continue
            try:
                stat = entry.stat()
            except OSError as error:
                warnings.append(CorpusWarning(path=rel, reason=f"cannot be read: {error.strerror or error}"))
                continue
            sidecar = _sidecar_name(name, names)
            meta_mtime = 0
            if sidecar is not None:
                try:
                    meta_mtime = os.stat(os.path.join(folder, sidecar)).st_mtime_ns
                except OSError:
                    meta_mtime = 0
            files.append(FileEntry(rel, child_path(name), stat.st_size, stat.st_mtime_ns, meta_mtime))
    files.sort(key=lambda item: item.doc_id)
    return ScanResult(files, warnings)


def read_document(entry: FileEntry) -> tuple[Document, list[CorpusWarning]]:
    """Read, decode and describe one file. Raises :class:`UnreadableDocument` when it cannot be used."""
    try:
        data = entry.path.read_bytes()
    except PermissionError:
        raise UnreadableDocument("no permission to read it") from None
    except OSError as error:
        raise UnreadableDocument(f"cannot be read: {error.strerror or error}") from None
    fmt = DOCUMENT_FORMATS[entry.path.suffix.lower()]
    notes: list[CorpusWarning] = []
    extracted: ExtractedText | None = None
    if fmt == "eml":
        if not data.strip():
            raise UnreadableDocument("the file is empty")
        extracted = email_to_text(data)
        text, encoding = extracted.text, "utf-8"
        if not text.strip():
            raise UnreadableDocument("the e-mail has no text body")
    else:
        text, encoding = decode_document_bytes(data)
        if fmt == "html":
            extracted = html_to_text(text)
            text = extracted.text
            if not text.strip():
                raise UnreadableDocument("the page has no visible text")
    if encoding != "utf-8":
        notes.append(CorpusWarning(path=entry.doc_id, reason=f"not UTF-8; read as {encoding}", skipped=False))
    sidecar: dict[str, object] | None = None
    sidecar_file = sidecar_path(entry.path)
    if sidecar_file is not None:
        try:
            sidecar = read_sidecar(sidecar_file)
        except MetadataError as error:
            notes.append(CorpusWarning(path=entry.doc_id, reason=f"metadata ignored: {error}", skipped=False))
    try:
        meta = build_meta(text, extracted, sidecar, front_matter(text) if fmt in ("md", "txt") else {}, entry.path.name)
    except MetadataError as error:
        notes.append(CorpusWarning(path=entry.doc_id, reason=f"metadata ignored: {error}", skipped=False))
        meta = build_meta(text, extracted, None, {}, entry.path.name)
    document = Document(
        id=entry.doc_id,
        path=entry.path,
        format=fmt,
        text=text,
        meta=meta,
        sha256=text_sha256(text),
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        encoding=encoding,
    )
    return document, notes
