"""The codebook of a workspace: tags, their passages with document titles, and their export files.

The tag operations themselves are :class:`caseview.annotations.codebook.Codebook`'s; this adds what
needs the corpus (titles and outlets for citations) and writes exports into the corpus folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from caseview.annotations.codebook import Codebook, TagChange, TaggedPassage, TagSummary
from caseview.export.codebook import TAG_FORMATS, SourceLine, render_tag
from caseview.kernel.safefile import atomic_write_bytes
from caseview.workspace.core import DocumentInfo

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


def export_name(tag: str, format: str) -> str:
    """``tag-access-expansion.md``: a file name made of the tag's safe characters."""
    slug = _UNSAFE.sub("-", tag).strip("-").lower() or "tag"
    return f"tag-{slug[:60]}.{format}"


class WorkspaceCodebook:
    """Tags of the corpus, with what the corpus knows of the documents they mark."""

    def __init__(self, root: Path, codebook: Codebook, documents: Callable[[], list[DocumentInfo]]) -> None:
        self.root = root
        self.codebook = codebook
        self._documents = documents

    def summary(self) -> list[TagSummary]:
        return self.codebook.summary()

    def passages(self, tag: str) -> list[TaggedPassage]:
        return self.codebook.passages(tag)

    def describe(self, tag: str, description: str) -> None:
        self.codebook.describe(tag, description)

    def rename(self, old: str, new: str) -> TagChange:
        return self.codebook.rename(old, new)

    def merge(self, sources: Sequence[str], into: str) -> TagChange:
        return self.codebook.merge(sources, into)

    def sources(self) -> dict[str, SourceLine]:
        """Document id → title, outlet and date, for citing a passage."""
        return {
            info.id: SourceLine(info.title, info.outlet, info.published_label if info.published else None)
            for info in self._documents()
        }

    def export(self, tag: str, format: str) -> str:
        """Every passage tagged ``tag`` as ``md`` or ``csv`` text."""
        if format not in TAG_FORMATS:
            raise ValueError(f"unknown format {format!r}: choose {' or '.join(TAG_FORMATS)}")
        described = {name.casefold(): text for name, text in self.codebook.descriptions().items()}
        return render_tag(format, tag, self.passages(tag), self.sources(), described.get(tag.casefold(), ""))

    def write_export(self, tag: str, format: str, path: Path | None = None) -> Path:
        """Write the export into the corpus folder (or to ``path``); returns where it went."""
        text = self.export(tag, format)
        target = path if path is not None else self.root / export_name(tag, format)
        atomic_write_bytes(target, ("\ufeff" + text if format == "csv" else text).encode("utf-8"))
        return target
