"""How an entity is shown, as a line and as JSON: shared by ``caseview entities`` and ``caseview entity``."""

from __future__ import annotations

from pydantic import BaseModel
from rich.text import Text

from caseview.corpus import doc_uri
from caseview.extract import Entity, EntityType, MergeSuggestion
from caseview.extract.merge_undo import merge_line
from caseview.extract.models import DocMention
from caseview.kernel.textsafe import one_line
from caseview.kernel.words import plural

TYPES = ", ".join(t.value for t in EntityType)


class MentionJson(DocMention):
    """A mention as ``--json`` prints it: the core model, with the document's URI."""

    uri: str


class EntityJson(Entity):
    """An entity as ``--json`` prints it: the core model, with its mentions' URIs and its documents."""

    mentions: tuple[MentionJson, ...]
    #: The documents it is mentioned in, sorted.
    documents: tuple[str, ...]

    @classmethod
    def of(cls, entity: Entity) -> EntityJson:
        mentions = [MentionJson(**mention.model_dump(), uri=doc_uri(mention.doc_id)) for mention in entity.mentions]
        return cls.model_validate({**entity.model_dump(), "mentions": mentions, "documents": entity.doc_ids})


class SuggestionsJson(BaseModel):
    """``caseview entities --suggestions --json``."""

    corpus: str
    suggestions: list[MergeSuggestion]


def entity_line(entity: Entity, with_type: bool = True) -> Text:
    """One entity as a line: name, (type,) counts, other names, hidden mark and id."""
    line = Text("  ")
    line.append(one_line(entity.name), style="bold")
    kind = f"{entity.type.value} · " if with_type else ""
    line.append(
        f"  {kind}{plural(len(entity.mentions), 'mention')} · {plural(len(entity.doc_ids), 'doc')}", style="dim"
    )
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        line.append("  aka " + "; ".join(one_line(a) for a in others))
    if entity.hidden:
        line.append("  (hidden)", style="dim")
    line.append(f"  [{one_line(entity.id)}]", style="dim")
    return line


def merge_reason_lines(entity: Entity) -> list[Text]:
    """Under an entity merged on evidence: each merged name, the reason, and the verb that undoes it."""
    lines = []
    for reason in entity.merge_reasons:
        line = Text("    ")
        line.append(one_line(merge_line(reason)), style="dim")
        line.append(f"  (undo: caseview entity unmerge {one_line(entity.id)} '{one_line(reason.alias)}')", style="dim")
        lines.append(line)
    return lines
