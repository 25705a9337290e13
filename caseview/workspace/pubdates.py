"""Setting or clearing a document's publication date: the analyst's word, stored beside the document.

The date goes into the document's ``.meta.json`` (``"date": "2026-04"``, ``"date_source": "set by
the analyst"``) through :func:`caseview.kernel.docmeta.update_document_meta` — under the sidecar's
lock, atomically, every other key kept, a damaged sidecar quarantined and never overwritten. The
next refresh reads it like any sidecar date; extraction re-resolves that document's relative times
against it (its cache key holds the publication fact), and only that document's.
"""

from __future__ import annotations

from pathlib import Path

from caseview.corpus.metadata import with_publication_date
from caseview.corpus.pubdate import PublicationDate, parse_partial_date
from caseview.kernel.docmeta import update_document_meta


class BadPublicationDate(ValueError):
    """A date the analyst typed that is not ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; one line."""


def checked_publication_date(raw: str | None) -> PublicationDate | None:
    """``raw`` as a publication date (``None`` or blank: clear it); :class:`BadPublicationDate` otherwise."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_partial_date(raw)
    except ValueError as error:
        raise BadPublicationDate(str(error)) from None


def store_publication_date(
    document_path: Path, publication: PublicationDate | None, quarantine_dir: Path, root: Path | None = None
) -> Path:
    """Write (or, for ``None``, remove) the publication date in the document's sidecar; its path.

    ``root``: the corpus folder, which the sidecar must lie in (the corpus jail)."""
    raw = publication.iso() if publication is not None else None
    # The date was checked before the lock is taken, so the update itself cannot fail half-way.
    return update_document_meta(document_path, lambda values: with_publication_date(values, raw), quarantine_dir, root)
