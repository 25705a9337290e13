"""Documents of the corpus as what provenance analysis reads: their text and where they are from.

The one place that knows both :class:`~caseview.corpus.Document` and
:class:`~caseview.provenance.models.SourceText`, so the analysis itself stays a pure function of
texts (provenance sits above the corpus and below the case file; see ARCHITECTURE.md, "Layers").
"""

from __future__ import annotations

from collections.abc import Iterable

from caseview.corpus import Document
from caseview.provenance.models import SourceText


def source_text(document: Document) -> SourceText:
    """The document's id, text, outlet, date and title (its metadata title, empty when it has none)."""
    meta = document.meta
    return SourceText(
        doc_id=document.id, text=document.text, outlet=meta.outlet, published=meta.published, title=meta.title
    )


def source_texts(documents: Iterable[Document]) -> list[SourceText]:
    """:func:`source_text` of each document, in the order given."""
    return [source_text(document) for document in documents]
