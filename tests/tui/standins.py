"""A workspace with entities and events, standing in for the extraction part until it is merged.

The app reads extraction through ``Workspace.entities()`` / ``Workspace.events()`` (see
``caseview.tui.features``). These stand-ins have the attribute names of ``caseview.extract.models``
and find their mentions and evidence in the real seed texts with ``str.find``, so every offset is real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseview.workspace import Workspace


@dataclass(frozen=True)
class StandInMention:
    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StandInEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[StandInMention, ...]


@dataclass(frozen=True)
class StandInTime:
    text: str
    start_date: date | None


@dataclass(frozen=True)
class StandInEvent:
    id: str
    doc_id: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    action: str
    time: StandInTime | None
    actors: tuple[str, ...] = field(default=())


#: (id, canonical name, type, names as written in the seeds)
ENTITIES = [
    ("bessent", "Scott Bessent", "PERSON", ("Scott Bessent", "Scott Besant")),
    ("anthropic", "Anthropic", "ORG", ("Anthropic",)),
    ("mythos", "Mythos", "PRODUCT", ("Mythos",)),
    ("white-house", "White House", "GOV_BODY", ("White House",)),
]

#: (id, document, a phrase inside the evidence sentence, action, time as written, resolved date)
EVENTS = [
    ("opposed", "001_c0973cc29b59132c.txt", "explicitly opposed expanding", "oppose", None, None),
    ("authorised", "004_8f20206c802690a7.txt", "have been authorized to use", "authorise", "recent", date(2026, 4, 20)),
    ("summoned", "000_465b9804960b177b.txt", "last week summoned", "summon", "last week", date(2026, 4, 6)),
]


class ExtractingWorkspace(Workspace):
    """The real workspace plus ``entities()`` and ``events()`` built from the seed texts."""

    def _texts(self) -> dict[str, str]:
        return {info.id: self.document(info.id).text for info in self.documents()}

    def entities(self) -> list[StandInEntity]:
        texts = self._texts()
        entities = []
        for entity_id, name, entity_type, spellings in ENTITIES:
            mentions = []
            for doc_id, text in texts.items():
                for spelling in spellings:
                    start = text.find(spelling)
                    while start != -1:
                        mentions.append(StandInMention(doc_id, start, start + len(spelling), spelling))
                        start = text.find(spelling, start + 1)
            aliases = tuple(spelling for spelling in spellings if spelling != name)
            entities.append(StandInEntity(entity_id, name, entity_type, aliases, tuple(mentions)))
        return entities

    def events(self) -> list[StandInEvent]:
        texts = self._texts()
        events = []
        for event_id, doc_id, phrase, action, time_text, when in EVENTS:
            text = texts[doc_id]
            inside = text.index(phrase)
            start = max(text.rfind(". ", 0, inside) + 2, text.rfind("\n", 0, inside) + 1)
            end = text.find(". ", inside)
            end = len(text) if end == -1 else end + 1
            time = StandInTime(time_text, when) if time_text else None
            events.append(StandInEvent(event_id, doc_id, start, end, text[start:end], action, time))
        return events
