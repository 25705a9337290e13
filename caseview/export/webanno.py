"""The case as W3C Web Annotation JSON-LD: an ``AnnotationCollection`` with one embedded page.

Every case item is one annotation in the page — a passage is *its* annotation (the live one when the
annotation service has it, else one rebuilt from the case's citation), an entity an ``identifying``
annotation of its mentions, an event a ``describing`` annotation of its evidence, a free note a
``commenting`` annotation of the case — and every link is a ``linking`` annotation whose target is
the first item's annotation and whose body is the second's plus its relation (and note).

Each annotation also carries the case record it came from (``cv:caseItem`` / ``cv:caseLink``) and
the collection carries the header and sections (``cv:case``), so :func:`case_from_w3c` rebuilds the
case without loss. Other tools see plain W3C annotations.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from pydantic import TypeAdapter, ValidationError

from caseview.annotations.jsonld import CONTEXT, annotation_to_jsonld, snapshot_uri
from caseview.annotations.model import Annotation
from caseview.casefile.model import (
    SCHEMA_VERSION,
    CaseFile,
    CaseHeader,
    CaseItem,
    EntityItem,
    EventItem,
    Link,
    NoteItem,
    PassageItem,
    Section,
)
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.corpus import doc_uri
from caseview.export.independence import provenance_json
from caseview.provenance import ProvenanceReport

CASE_URI_PREFIX = "urn:caseview:case:"
_ITEM_ADAPTER: TypeAdapter[CaseItem] = TypeAdapter(CaseItem)


def _time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def case_uri(name: str | None) -> str:
    return CASE_URI_PREFIX + quote(name or "default", safe="")


def item_annotation_id(case_id: str, item: CaseItem) -> str:
    """The annotation id that stands for an item: its own annotation's, else a stable ``urn:uuid``."""
    if isinstance(item, PassageItem) and item.annotation_id:
        return item.annotation_id
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{case_id}/{item.id}')}"


def _textual(value: str, purpose: str, **extra: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, **extra}


def _passage(item: PassageItem, ident: str, live: Annotation | None) -> dict[str, Any]:
    if live is not None:
        return annotation_to_jsonld(live)
    citation = item.citation
    body = [_textual(tag, "tagging") for tag in citation.tags]
    if citation.note:
        body.append(_textual(citation.note, "commenting", format="text/plain"))
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": citation.exact}
    if citation.prefix:
        quote_selector["prefix"] = citation.prefix
    if citation.suffix:
        quote_selector["suffix"] = citation.suffix
    state: dict[str, Any] = {"type": "TimeState", "sourceDate": _time(item.created)}
    if len(citation.doc_sha256) == 64:
        state["cached"] = snapshot_uri(citation.doc_sha256)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": ident,
        "type": "Annotation",
        "motivation": "tagging" if citation.tags else "commenting" if citation.note else "highlighting",
        "created": _time(item.created),
        "modified": _time(item.modified),
    }
    if body:
        data["body"] = body
    data["target"] = {
        "source": doc_uri(citation.doc_id),
        "selector": [quote_selector, {"type": "TextPositionSelector", "start": citation.start, "end": citation.end}],
        "state": state,
    }
    return data


def _entity(item: EntityItem, ident: str) -> dict[str, Any]:
    entity = item.entity
    body = [_textual(entity.name, "identifying")]
    if item.role:
        body.append(_textual(item.role, "describing"))
    targets: Any = [
        {
            "type": "SpecificResource",
            "source": doc_uri(m.doc_id),
            "selector": {"type": "TextPositionSelector", "start": m.start, "end": m.end},
        }
        for m in entity.mentions
    ]
    return {
        "@context": CONTEXT,
        "id": ident,
        "type": "Annotation",
        "motivation": "identifying",
        "created": _time(item.created),
        "modified": _time(item.modified),
        "body": body,
        "target": targets or f"urn:caseview:entity:{quote(item.entity_id, safe='')}",
    }


def _event(item: EventItem, ident: str) -> dict[str, Any]:
    event = item.event
    target: Any = f"urn:caseview:event:{quote(item.event_id, safe='')}"
    if event.doc_id and event.start is not None and event.end is not None and event.end > event.start:
        target = {
            "type": "SpecificResource",
            "source": doc_uri(event.doc_id),
            "selector": [
                {"type": "TextQuoteSelector", "exact": event.text},
                {"type": "TextPositionSelector", "start": event.start, "end": event.end},
            ],
        }
    return {
        "@context": CONTEXT,
        "id": ident,
        "type": "Annotation",
        "motivation": "describing",
        "created": _time(item.created),
        "modified": _time(item.modified),
        "body": [_textual(event.text, "describing")],
        "target": target,
    }


def _note(item: NoteItem, ident: str, case_id: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": ident,
        "type": "Annotation",
        "motivation": "commenting",
        "created": _time(item.created),
        "modified": _time(item.modified),
        "body": [_textual(item.text, "commenting", format="text/plain")],
        "target": case_id,
    }


def _link(link: Link, ids: Mapping[str, str], case_id: str) -> dict[str, Any]:
    def ident_of(item_id: str) -> str:
        return ids.get(item_id) or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{case_id}/{item_id}')}"

    body: list[Any] = [ident_of(link.target), _textual(link.relation.value, "classifying")]
    if link.note:
        body.append(_textual(link.note, "commenting", format="text/plain"))
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{case_id}/{link.id}')}",
        "type": "Annotation",
        "motivation": "linking",
        "created": _time(link.created),
        "modified": _time(link.modified),
        "body": body,
        "target": ident_of(link.source),
        "cv:caseLink": link.model_dump(mode="json"),
    }


def _page_now(entry: ResolvedItem) -> int | None:
    """The page a passage is on now (paged documents), else the page it was on when added, else None."""
    if not isinstance(entry.item, PassageItem):
        return None
    location = entry.location
    if location is not None and location.page is not None:
        return location.page
    return entry.item.citation.page


def case_to_w3c(
    view: CaseView, live: Mapping[str, Annotation] | None = None, provenance: ProvenanceReport | None = None
) -> dict[str, Any]:
    """The case as a W3C ``AnnotationCollection`` (see the module docstring).

    With ``provenance``, the collection also carries ``cv:provenance``: the case's independent origins,
    each claim's documents and origins, the rewrite and relay chains, and the part of the report about
    the case's documents (:class:`~caseview.export.independence.ProvenanceJson`).
    """
    case, live = view.case, live or {}
    case_id = case_uri(view.name)
    ids: dict[str, str] = {}
    annotations: list[dict[str, Any]] = []
    used: set[str] = set()
    for entry in view.items:
        item = entry.item
        ident = item_annotation_id(case_id, item)
        if ident in used:  # the same annotation twice in one case (after a merge): keep ids unique
            ident = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{case_id}/{item.id}')}"
        used.add(ident)
        ids[item.id] = ident
        if isinstance(item, PassageItem):
            own = live.get(item.annotation_id) if item.annotation_id and ident == item.annotation_id else None
            data = _passage(item, ident, own)
        elif isinstance(item, EntityItem):
            data = _entity(item, ident)
        elif isinstance(item, EventItem):
            data = _event(item, ident)
        else:
            data = _note(item, ident, case_id)
        data["cv:caseItem"] = item.model_dump(mode="json")
        page = _page_now(entry)
        if page is not None:
            data["cv:page"] = page  # where a reader of the PDF finds the passage now (issue 15)
        if entry.flags:
            data["cv:flags"] = list(entry.flags)
        annotations.append(data)
    annotations += [_link(resolved.link, ids, case_id) for resolved in view.links]
    records = [case.header, *case.sections, *case.items, *case.links]
    modified = max(record.modified for record in records)
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": case_id,
        "type": "AnnotationCollection",
        "label": case.header.title,
        "total": len(annotations),
        "created": _time(case.header.created),
        "modified": _time(modified),
        "cv:schemaVersion": SCHEMA_VERSION,
        "cv:case": {
            "header": case.header.model_dump(mode="json"),
            "sections": [section.model_dump(mode="json") for section in case.sections],
        },
        "first": {"id": case_id + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }
    if provenance is not None:
        collection["cv:provenance"] = provenance_json(view, provenance).model_dump(mode="json")
    return collection


def render_w3c(
    view: CaseView, live: Mapping[str, Annotation] | None = None, provenance: ProvenanceReport | None = None
) -> str:
    return json.dumps(case_to_w3c(view, live, provenance), ensure_ascii=False, indent=2) + "\n"


def case_from_w3c(data: object) -> CaseFile:
    """Rebuild a case from :func:`case_to_w3c`'s output. ValueError with a reason for anything else."""
    if not isinstance(data, dict) or data.get("type") != "AnnotationCollection":
        raise ValueError("not a W3C AnnotationCollection")
    version = data.get("cv:schemaVersion")
    if not isinstance(version, int) or version < 1:
        raise ValueError("no cv:schemaVersion: this collection was not exported from a caseview case")
    if version > SCHEMA_VERSION:
        raise ValueError(f"exported by a newer caseview (case schema version {version}); upgrade to import it")
    meta = data.get("cv:case")
    first = data.get("first")
    items_json = first.get("items") if isinstance(first, dict) else None
    if not isinstance(meta, dict) or not isinstance(items_json, list):
        raise ValueError("no cv:case header or no embedded page of annotations ('first' with 'items')")
    if data.get("total") is not None and data.get("total") != len(items_json):
        raise ValueError(
            f"total says {data.get('total')} annotations but the page holds {len(items_json)}; the export is incomplete"
        )
    items: list[CaseItem] = []
    links: list[Link] = []
    try:
        header = CaseHeader.model_validate(meta.get("header"))
        sections = [Section.model_validate(section) for section in meta.get("sections", [])]
        for index, annotation in enumerate(items_json):
            if not isinstance(annotation, dict):
                raise ValueError(f"item {index}: an annotation must be a JSON object")
            if "cv:caseItem" in annotation:
                items.append(_ITEM_ADAPTER.validate_python(annotation["cv:caseItem"]))
            elif "cv:caseLink" in annotation:
                links.append(Link.model_validate(annotation["cv:caseLink"]))
            else:
                raise ValueError(
                    f"item {index} ({annotation.get('id', 'no id')}) is not a caseview case item "
                    "(no cv:caseItem or cv:caseLink)"
                )
        return CaseFile(
            schema_version=SCHEMA_VERSION,
            header=header,
            sections=tuple(sections),
            items=tuple(items),
            links=tuple(links),
        )
    except ValidationError as error:
        first_error = error.errors()[0]
        location = ".".join(str(part) for part in first_error["loc"])
        raise ValueError(f"{location}: {first_error['msg']}") from None
