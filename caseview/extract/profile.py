"""An entity's profile: the documents that name it, every mention in its sentence, and the entities
named in the same sentences (most shared sentences first). Pure: texts come from the caller."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from caseview.extract.models import Entity
from caseview.extract.sentences import split_sentences


@dataclass(frozen=True)
class MentionInContext:
    """One mention and the sentence it is in (offsets into the document's text)."""

    doc_id: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(frozen=True)
class DocumentMentions:
    doc_id: str
    mentions: int


@dataclass(frozen=True)
class CoOccurrence:
    """Another entity named in the same sentence as this one: in how many sentences, of how many documents."""

    entity_id: str
    name: str
    type: str
    sentences: int
    documents: int


@dataclass(frozen=True)
class EntityProfile:
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    documents: tuple[DocumentMentions, ...]
    mentions: tuple[MentionInContext, ...]
    co_occurring: tuple[CoOccurrence, ...]


def _sentence_of(spans: Sequence[tuple[int, int]], starts: Sequence[int], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the one before it, between sentences)."""
    return max(0, bisect.bisect_right(starts, offset) - 1) if spans else 0


def entity_profile(entity: Entity, entities: Sequence[Entity], text_of: Callable[[str], str | None]) -> EntityProfile:
    """``entity``'s profile among ``entities`` (hidden ones are skipped); ``text_of`` gives a document's
    text (None: it cannot be read now, its mentions are listed without context)."""
    sentences: dict[str, tuple[tuple[int, int], ...]] = {}
    texts: dict[str, str] = {}
    doc_ids = sorted({mention.doc_id for mention in entity.mentions})
    for doc_id in doc_ids:
        text = text_of(doc_id)
        if text is not None:
            texts[doc_id] = text
            sentences[doc_id] = split_sentences(text)
    starts = {doc_id: [start for start, _ in spans] for doc_id, spans in sentences.items()}

    def where(doc_id: str, offset: int) -> int | None:
        if doc_id not in sentences:
            return None
        return _sentence_of(sentences[doc_id], starts[doc_id], offset)

    in_context: list[MentionInContext] = []
    own: set[tuple[str, int]] = set()
    for mention in sorted(entity.mentions, key=lambda m: (m.doc_id, m.start)):
        index = where(mention.doc_id, mention.start)
        if index is None or not sentences[mention.doc_id]:
            in_context.append(
                MentionInContext(
                    mention.doc_id, mention.start, mention.end, mention.text, mention.start, mention.end, mention.text
                )
            )
            continue
        own.add((mention.doc_id, index))
        start, end = sentences[mention.doc_id][index]
        start, end = min(start, mention.start), max(end, mention.end)
        text = texts[mention.doc_id]
        in_context.append(
            MentionInContext(mention.doc_id, mention.start, mention.end, mention.text, start, end, text[start:end])
        )
    shared: list[CoOccurrence] = []
    for other in entities:
        if other.id == entity.id or other.hidden:
            continue
        together = {
            (mention.doc_id, index)
            for mention in other.mentions
            if (index := where(mention.doc_id, mention.start)) is not None and (mention.doc_id, index) in own
        }
        if together:
            documents = len({doc_id for doc_id, _ in together})
            shared.append(CoOccurrence(other.id, other.name, other.type.value, len(together), documents))
    shared.sort(key=lambda c: (-c.sentences, -c.documents, c.name.casefold()))
    counts = [DocumentMentions(doc_id, sum(1 for m in entity.mentions if m.doc_id == doc_id)) for doc_id in doc_ids]
    counts.sort(key=lambda d: (-d.mentions, d.doc_id))
    return EntityProfile(
        entity.id,
        entity.name,
        entity.type.value,
        entity.aliases,
        tuple(counts),
        tuple(in_context),
        tuple(shared),
    )
