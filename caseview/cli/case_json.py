"""What ``caseview case … --json`` prints: the case view as typed models (shapes in the README)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, RootModel

from caseview.casefile.model import CaseItem, PassageItem, Relation
from caseview.casefile.resolve import CaseView, DocRef, ResolvedItem, ResolvedLink
from caseview.export.digest import citation_parts


class CitationJson(BaseModel):
    """Where a passage is cited from: the document as it is now, and the passage's character range."""

    doc_id: str
    title: str
    outlet: str | None
    published: str
    start: int
    end: int
    #: The passage's page in a paged document (PDF), else None.
    page: int | None = None


class ItemJson(BaseModel):
    """An item of the case: its number in ``case show``, its section and flags, and the stored record."""

    number: int
    id: str
    kind: str
    section: str
    flags: list[str]
    #: The item as the case file stores it (the casefile model's own serialisation).
    record: CaseItem

    @staticmethod
    def of(entry: ResolvedItem) -> ItemJson | PassageJson:
        fields = {
            "number": entry.number,
            "id": entry.id,
            "kind": entry.kind,
            "section": entry.section_title,
            "flags": list(entry.flags),
            "record": entry.item,
        }
        if not isinstance(entry.item, PassageItem):
            return ItemJson.model_validate(fields)
        parts = citation_parts(entry)
        citation = CitationJson(
            doc_id=parts.doc_id,
            title=parts.title,
            outlet=parts.outlet,
            published=parts.published,
            start=parts.start,
            end=parts.end,
            page=parts.page,
        )
        return PassageJson.model_validate(
            {**fields, "tags": list(entry.tags), "annotation_note": entry.annotation_note, "citation": citation}
        )


class PassageJson(ItemJson):
    """A passage item, with its annotation's live tags and note and its citation."""

    tags: list[str]
    annotation_note: str | None
    citation: CitationJson


#: Passages first: serialisation picks the first type of the union the value is an instance of.
AnyItemJson = PassageJson | ItemJson


class SectionJson(BaseModel):
    id: str
    title: str
    items: list[AnyItemJson]


class LinkJson(BaseModel):
    id: str
    source: str
    target: str
    relation: Relation
    note: str | None
    flags: list[str]

    @classmethod
    def of(cls, resolved: ResolvedLink) -> LinkJson:
        link = resolved.link
        return cls(
            id=link.id,
            source=link.source,
            target=link.target,
            relation=link.relation,
            note=link.note,
            flags=list(resolved.flags),
        )


class SourceJson(BaseModel):
    doc_id: str
    title: str
    author: str | None
    outlet: str | None
    published: date | None
    missing: bool

    @classmethod
    def of(cls, doc: DocRef) -> SourceJson:
        return cls(
            doc_id=doc.doc_id,
            title=doc.title,
            author=doc.author,
            outlet=doc.outlet,
            published=doc.published,
            missing=doc.missing,
        )


class CaseJson(BaseModel):
    """``caseview case show --json``."""

    path: str | None
    name: str | None
    read_only: bool
    title: str
    summary: str | None
    questions: list[str]
    sections: list[SectionJson]
    links: list[LinkJson]
    sources: list[SourceJson]

    @classmethod
    def of(cls, view: CaseView) -> CaseJson:
        header = view.header
        return cls(
            path=str(view.path) if view.path else None,
            name=view.name,
            read_only=view.read_only,
            title=header.title,
            summary=header.summary,
            questions=list(header.questions),
            sections=[
                SectionJson(id=s.section.id, title=s.section.title, items=[ItemJson.of(e) for e in s.items])
                for s in view.sections
            ],
            links=[LinkJson.of(r) for r in view.links],
            sources=[SourceJson.of(d) for d in view.sources],
        )


class ChangeJson(BaseModel):
    """What a changing ``case`` action prints with ``--json``: the case file, what was done, the item."""

    case: str
    message: str
    item: AnyItemJson | None


class CaseNameJson(BaseModel):
    #: None for the default case (``case.json``).
    name: str | None
    file: str


class CaseListJson(RootModel[list[CaseNameJson]]):
    """``caseview case list --json``."""
