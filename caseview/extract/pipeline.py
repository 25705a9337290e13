"""The UI-free entry points: one document (pure) and a whole corpus (cached, corrected, merged)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from caseview.corpus import Document
from caseview.corpus.pubdate import PublicationDate
from caseview.extract.aliases import resolve_entities
from caseview.extract.cache import ExtractionCache
from caseview.extract.clusters import assemble_events
from caseview.extract.corrections import apply_corrections, pending_suggestions
from caseview.extract.entities import find_mentions
from caseview.extract.events import find_events
from caseview.extract.models import (
    Candidate,
    CorpusExtraction,
    Correction,
    DocumentExtraction,
    EventCandidate,
    Mention,
    Quantity,
)
from caseview.extract.nlp import load_model, refine_with_model
from caseview.extract.quantities import find_quantities
from caseview.extract.timex import find_time_expressions

#: Suggestions at least this likely put the suggested name into the search index too (search is
#: for recall: ``entity:"Scott Bessent"`` should find "Scott Besant" before the analyst confirms).
INDEX_SUGGESTION_FLOOR = 0.85
#: Below this many uncached documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


def extract_document(text: str, published: date | PublicationDate | None = None) -> DocumentExtraction:
    """Mentions, candidates, time expressions, events and counts of one text. Pure.

    ``published`` may be a day or a ``PublicationDate`` known only to the month or the year."""
    mentions, candidates = find_mentions(text)
    model = load_model()
    if model is not None:
        mentions, candidates = refine_with_model(text, mentions, candidates, model)
    times = find_time_expressions(text, published)
    spans: list[Mention | Candidate] = sorted([*mentions, *candidates], key=lambda m: m.start)
    events = find_events(text, spans, times)
    publication = PublicationDate.day(published) if isinstance(published, date) else published
    return DocumentExtraction(
        mentions=tuple(mentions),
        candidates=tuple(candidates),
        times=times,
        events=events,
        published=publication.value if publication else None,
        published_precision=publication.precision if publication else "day",
        quantities=find_quantities(text, spans),
    )


def _extract_item(item: tuple[str, date | PublicationDate | None]) -> DocumentExtraction:
    return extract_document(*item)


def extract_texts(
    items: list[tuple[str, date | PublicationDate | None]],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[DocumentExtraction]:
    """``extract_document`` over many texts; large batches go to worker processes (one per core,
    at most ``workers``), small ones stay in this process."""
    workers = min(os.cpu_count() or 1, 2) if workers is None else workers
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        results = []
        for done, item in enumerate(items, 1):
            results.append(_extract_item(item))
            if progress:
                progress(done, len(items))
        return results
    # "spawn": safe from a thread of a running app (the TUI calls this from a worker thread).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = []
        for done, extraction in enumerate(pool.map(_extract_item, items, chunksize=32), 1):
            results.append(extraction)
            if progress:
                progress(done, len(items))
        return results


def extract_documents(
    documents: Iterable[Document],
    derived_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> dict[str, DocumentExtraction]:
    """Per-document extraction, from the cache when the content was seen before."""
    docs = list(documents)
    cache = ExtractionCache(derived_dir) if derived_dir is not None else None
    result: dict[str, DocumentExtraction] = {}
    missing: list[Document] = []
    for doc in docs:
        cached = cache.get(doc.sha256, doc.meta.publication) if cache else None
        if cached is None:
            missing.append(doc)
        else:
            result[doc.id] = cached
    done_before = len(result)
    report = (lambda done, _total: progress(done_before + done, len(docs))) if progress else None
    fresh = extract_texts([(d.text, d.meta.publication) for d in missing], workers, report)
    for doc, extraction in zip(missing, fresh, strict=True):
        result[doc.id] = extraction
        if cache:
            cache.put(doc.sha256, doc.meta.publication, extraction)
    if cache:
        cache.close()
    if progress and not missing:
        progress(len(docs), len(docs))
    return {doc.id: result[doc.id] for doc in docs}


def assemble_corpus(
    per_document: dict[str, DocumentExtraction], corrections: Iterable[Correction] = ()
) -> CorpusExtraction:
    """Merge documents' mentions into entities, apply corrections, resolve and cluster events."""
    corrections = list(corrections)
    resolution = resolve_entities(per_document)
    entities = apply_corrections(resolution.entities, corrections)
    suggestions = pending_suggestions(resolution.suggestions, entities, corrections)
    owner = {(m.doc_id, m.start, m.end): e.id for e in entities for m in e.mentions}
    events: list[EventCandidate] = []
    quantities: dict[str, tuple[Quantity, ...]] = {}
    for doc_id, extraction in per_document.items():
        for event in extraction.events:
            actors = tuple(
                dict.fromkeys(owner[(doc_id, *span)] for span in event.actor_mentions if (doc_id, *span) in owner)
            )
            objects = tuple(
                dict.fromkeys(owner[(doc_id, *span)] for span in event.object_mentions if (doc_id, *span) in owner)
            )
            if not actors and not objects:
                continue
            events.append(
                event.model_copy(
                    update={
                        "id": f"{doc_id}#{event.id}",
                        "doc_id": doc_id,
                        "actors": actors,
                        "objects": objects,
                        **placement(event, extraction),
                    }
                )
            )
        quantities[doc_id] = tuple(
            q.model_copy(
                update={
                    "entities": tuple(
                        dict.fromkeys(owner[(doc_id, *s)] for s in q.mention_spans if (doc_id, *s) in owner)
                    )
                }
            )
            for q in extraction.quantities
        )
    labels = {e.id: e.name for e in entities}
    assembly = assemble_events(events, labels, quantities)
    events, clusters, flags = assembly.events, assembly.clusters, assembly.flags
    return CorpusExtraction(
        entities=tuple(entities),
        events=tuple(events),
        clusters=tuple(clusters),
        flags=tuple(flags),
        suggestions=tuple(suggestions),
        times={doc_id: x.times for doc_id, x in per_document.items()},
    )


def placement(event: EventCandidate, extraction: DocumentExtraction) -> dict[str, object]:
    """Where an event sits on the timeline: its own resolved time, else its document's publication
    date (marked ``publication``), else nowhere (``undated``)."""
    time = event.time
    if time is not None and time.start_date is not None:
        return {
            "when": time.start_date,
            "when_end": time.end_date,
            "when_source": "text",
            "when_approximate": time.approximate or time.vague,
        }
    if extraction.published is not None:
        publication = PublicationDate(value=extraction.published, precision=extraction.published_precision)
        return {
            "when": publication.earliest,
            "when_end": publication.latest,
            "when_source": "publication",
            "when_approximate": publication.precision != "day",
        }
    return {"when": None, "when_end": None, "when_source": "undated", "when_approximate": False}


def extract_corpus(
    documents: Iterable[Document],
    derived_dir: Path | None,
    corrections: Iterable[Correction] = (),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> CorpusExtraction:
    """Entities (with aliases and mentions), events, clusters, flags and suggestions of a corpus."""
    return assemble_corpus(extract_documents(documents, derived_dir, progress, workers), corrections)


def likely_partners(extraction: CorpusExtraction) -> dict[str, list[str]]:
    """Entity id → ids it is likely the same as (merge suggestions scoring at least the index floor)."""
    likely: dict[str, list[str]] = {}
    for suggestion in extraction.suggestions:
        if suggestion.score >= INDEX_SUGGESTION_FLOOR:
            a, b = suggestion.entity_ids
            likely.setdefault(a, []).append(b)
            likely.setdefault(b, []).append(a)
    return likely


def index_names_by_document(extraction: CorpusExtraction) -> dict[str, list[str]]:
    """For each document: the canonical names and aliases of the entities it mentions (for the
    search index's ``entity`` field), plus the other name of a likely merge suggestion."""
    names: dict[str, dict[str, None]] = {}
    by_id = {e.id: e for e in extraction.entities}
    likely = likely_partners(extraction)
    for entity in extraction.entities:
        if entity.hidden:
            continue
        extra = [by_id[other].name for other in likely.get(entity.id, ()) if other in by_id]
        for doc_id in entity.doc_ids:
            bucket = names.setdefault(doc_id, {})
            for name in (entity.name, *entity.aliases, *extra):
                bucket.setdefault(name, None)
    return {doc_id: list(bucket) for doc_id, bucket in names.items()}
