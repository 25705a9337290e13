"""Page numbers on what the workspace hands out: search snippets carry the page of their passage.

Offsets stay code-point indexes (ARCHITECTURE.md, "Text offsets"); a page is derived from the
document's page starts (``Document.pages``) when it is shown, never stored in place of an offset.
"""

from __future__ import annotations

from collections.abc import Callable

from caseview.corpus.pages import page_at
from caseview.search import SearchResults

#: A document's page starts by id (empty for a document without pages or one that cannot be read).
PagesOf = Callable[[str], tuple[int, ...]]


def with_pages(results: SearchResults, pages_of: PagesOf) -> SearchResults:
    """``results`` with each snippet of a paged document marked with the page it starts on."""
    hits = []
    changed = False
    for hit in results.hits:
        pages = pages_of(hit.doc_id) if hit.snippets else ()
        if not pages:
            hits.append(hit)
            continue
        changed = True
        snippets = [snippet.model_copy(update={"page": page_at(pages, snippet.start)}) for snippet in hit.snippets]
        hits.append(hit.model_copy(update={"snippets": snippets}))
    return results.model_copy(update={"hits": hits}) if changed else results


def page_label(page: int | None) -> str:
    """ "p. 4" for a page, "" for none: the form citations and snippets use everywhere."""
    return f"p. {page}" if page is not None else ""
