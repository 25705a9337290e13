"""Tags and annotation counts of the whole corpus, answered from the index manifest.

Each document's index entry holds the tags of its annotations (its extras) and a stamp of its
annotation file, both brought up to date by every change made through caseview and by every
refresh. So "which tags are in use" and "which documents have annotations" need no walk of the
corpus folder: tagging one passage re-indexes that document, and the answer follows.
"""

from __future__ import annotations

from collections.abc import Mapping

from caseview.search import IndexExtras
from caseview.search.manifest import ManifestEntry
from caseview.workspace.wiring import has_annotation_file


def known_tags(entries: Mapping[str, ManifestEntry]) -> list[str]:
    """Every tag in use in the corpus (conflicting versions' too), once each ignoring case, sorted."""
    tags: dict[str, str] = {}
    for entry in entries.values():
        for tag in IndexExtras.from_key(entry.extras_key).tags:
            tags.setdefault(tag.casefold(), tag)
    return sorted(tags.values(), key=str.casefold)


def annotated_documents(entries: Mapping[str, ManifestEntry]) -> list[str]:
    """Ids of the documents that had an annotation file when last indexed, in the manifest's order."""
    return [doc_id for doc_id, entry in entries.items() if has_annotation_file(entry)]
