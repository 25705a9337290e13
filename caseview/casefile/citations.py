"""Snapshots that let a case item stand on its own: a passage's citation, an entity, an event.

The case file copies what it needs from the corpus, the annotations and the extraction when an item
is added, so a case can be exported (and its items flagged rather than dropped) after any of those
has changed or gone. Extraction objects are read by attribute (duck typing) so the case file does
not depend on the extraction package's internals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from caseview.annotations.model import Annotation, quote_for_span
from caseview.casefile.errors import CaseUsageError
from caseview.casefile.model import Citation, EntitySnapshot, EventSnapshot, MentionRef
from caseview.casefile.resolve import AnnotationState
from caseview.corpus import Document


def citation_for_span(
    document: Document, start: int, end: int, *, tags: Iterable[str] = (), note: str | None = None
) -> Citation:
    """The citation of ``document.text[start:end]`` now, with 32 characters of context each side."""
    if not 0 <= start < end <= len(document.text):
        raise CaseUsageError(
            f"span {start}:{end} is not a passage of {document.id}, whose text has {len(document.text)} characters"
        )
    quote = quote_for_span(document.text, start, end)
    meta = document.meta
    return Citation(
        doc_id=document.id,
        start=start,
        end=end,
        exact=quote.exact,
        prefix=quote.prefix,
        suffix=quote.suffix,
        doc_sha256=document.sha256,
        title=document.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        author=meta.author,
        tags=tuple(tags),
        note=note or None,
        page=document.page_at(start),
    )


def citation_from_annotation(annotation: Annotation, document: Document | None) -> Citation:
    """A citation copied from an annotation (its original quote and offsets, never a rewritten one)."""
    meta = document.meta if document is not None else None
    return Citation(
        doc_id=annotation.doc_id,
        start=annotation.position.start,
        end=annotation.position.end,
        exact=annotation.quote.exact,
        prefix=annotation.quote.prefix,
        suffix=annotation.quote.suffix,
        doc_sha256=annotation.snapshot_sha256,
        title=document.title if document is not None else annotation.doc_id,
        outlet=meta.outlet if meta else None,
        published=meta.published if meta else None,
        url=meta.url if meta else None,
        author=meta.author if meta else None,
        tags=annotation.tags,
        note=annotation.note,
        page=document.page_at(annotation.position.start) if document is not None else None,
    )


def state_from_annotation(annotation: Annotation | None) -> AnnotationState:
    """What a passage item needs to know about its annotation now (``found=False`` when it is gone)."""
    if annotation is None:
        return AnnotationState(found=False)
    span = annotation.current_span
    return AnnotationState(
        found=True,
        tags=annotation.tags,
        note=annotation.note,
        status=annotation.anchor.status,
        start=span[0] if span else None,
        end=span[1] if span else None,
        doc_sha256=annotation.anchor.doc_sha256 or None,
    )


def find_mentions(name: str, documents: Iterable[Document], aliases: Iterable[str] = ()) -> tuple[MentionRef, ...]:
    """Every whole-word occurrence of the name or an alias in the documents (case-sensitive)."""
    names = sorted({n.strip() for n in (name, *aliases) if n.strip()}, key=len, reverse=True)
    if not names:
        return ()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    mentions = []
    for document in documents:
        for match in pattern.finditer(document.text):
            mentions.append(MentionRef(doc_id=document.id, start=match.start(), end=match.end(), text=match.group()))
    return tuple(mentions)


def entity_snapshot(entity: Any) -> EntitySnapshot:
    """A snapshot of an extraction ``Entity`` (name, type, aliases, mentions with doc ids and offsets)."""
    mentions = tuple(
        MentionRef(doc_id=m.doc_id, start=m.start, end=m.end, text=m.text) for m in getattr(entity, "mentions", ())
    )
    kind = getattr(entity, "type", None)
    aliases = tuple(alias for alias in getattr(entity, "aliases", ()) if alias != entity.name)
    return EntitySnapshot(
        name=entity.name,
        type=str(getattr(kind, "value", kind)) if kind is not None else None,
        aliases=aliases,
        mentions=mentions,
    )


def event_snapshot(event: Any, entity_names: Mapping[str, str] | None = None) -> EventSnapshot:
    """A snapshot of an extraction ``EventCandidate``: evidence, action, actors, time as written and resolved."""
    names = entity_names or {}
    time = getattr(event, "time", None)
    granularity = getattr(time, "granularity", None) if time is not None else None
    return EventSnapshot(
        text=event.evidence_text,
        doc_id=getattr(event, "doc_id", None) or None,
        start=getattr(event, "evidence_start", None),
        end=getattr(event, "evidence_end", None),
        action=getattr(event, "action", None),
        actors=tuple(names.get(actor, actor) for actor in getattr(event, "actors", ())),
        negated=bool(getattr(event, "negated", False)),
        time_text=time.text if time is not None else None,
        start_date=getattr(time, "start_date", None) if time is not None else None,
        end_date=getattr(time, "end_date", None) if time is not None else None,
        granularity=str(getattr(granularity, "value", granularity)) if granularity is not None else None,
    )
